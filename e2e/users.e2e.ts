import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eApp, login, menuLabels, openMenu, pickOption, startApp, text, withPage } from './harness.ts';

let app: E2eApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

describe('用户与角色', () => {
  it('管理员新建用户，新用户首次登录须修改密码后才能进入系统', () =>
    withPage(app, 'users-create-and-first-login', async ({ page }) => {
      await login(page, 'nanhu.admin');
      await openMenu(page, '用户与角色');
      await expect.poll(() => text(page.getByTestId('users-table'))).toContain('nanhu.clerk');

      await page.getByRole('button', { name: '新建用户' }).click();
      const dialog = page.getByRole('dialog', { name: '新建用户' });
      await dialog.getByLabel('用户名').fill('Zhang San');
      await dialog.getByText('用户名为 3–32 位小写字母、数字或 . _ -').waitFor();
      await dialog.getByLabel('用户名').fill('nanhu.zhangsan');
      await dialog.getByLabel('姓名').fill('窗口 张三');
      // Keyboard only: type to filter the unit list, Enter picks the first match.
      await dialog.getByLabel('所属单位').fill('南湖区行政审批局');
      await dialog.getByLabel('所属单位').press('Enter');
      await dialog.getByRole('button', { name: '添加角色' }).click();
      await dialog.getByLabel('角色', { exact: true }).click();
      await pickOption(page, '综合窗口人员');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();

      const password = page.getByTestId('initial-password');
      await password.waitFor();
      const initial = (await text(password)).trim();
      expect(initial.length).toBeGreaterThanOrEqual(10);
      await page.getByRole('button', { name: '我已记下' }).click();
      await expect.poll(() => text(page.getByTestId('users-table'))).toContain('nanhu.zhangsan');
      expect(await text(page.getByTestId('users-table'))).toContain('待修改初始密码');

      // The new user logs in with the one-time password and is held at the password change.
      await page.context().clearCookies();
      await page.goto('/login');
      await page.getByLabel('用户名').fill('nanhu.zhangsan');
      await page.getByLabel('密码', { exact: true }).fill(initial);
      await page.getByLabel('密码', { exact: true }).press('Enter');
      await page.waitForURL(/\/change-password$/);
      await page.goto('/org');
      await page.waitForURL(/\/change-password$/);

      await page.getByLabel('当前密码').fill(initial);
      await page.getByLabel('新密码', { exact: true }).fill('Nanhu.ZhangSan1');
      await page.getByText('密码不能包含用户名').waitFor();
      await page.getByLabel('新密码', { exact: true }).fill('Chuangkou#2026');
      await page.getByLabel('确认新密码').fill('Chuangkou#2026');
      await page.getByLabel('确认新密码').press('Enter');
      await page.getByRole('heading', { name: '我的待办' }).waitFor();
      expect(await menuLabels(page)).toEqual([
        '我的待办',
        '办理时限',
        '办件',
        '协调事项',
        '会议',
        '承诺督办',
        '督办台账',
        '事项清单',
        '组织机构',
        '工作日历',
      ]);
      expect(await text(page.getByTestId('role-labels'))).toContain('综合窗口人员');
    }));
});
