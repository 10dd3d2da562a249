import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  type E2eApp,
  login,
  menuLabels,
  openMenu,
  startApp,
  text,
  withPage,
} from './harness.ts';

let app: E2eApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

// Each demo role sees exactly the menu its permissions allow (me.permissions).
const ROLES: { username: string; kind?: 'enterprise'; role: string; unit: string; menu: string[] }[] = [
  {
    username: 'nanhu.admin',
    role: '系统管理员',
    unit: '南湖区行政审批局',
    menu: [
      '我的待办',
      '办理时限',
      '办件',
      '协调事项',
      '会议',
      '承诺督办',
      '督办台账',
      '事项清单',
      '组织机构',
      '用户与角色',
      '工作日历',
      '公文与印章',
      '数据交换',
      '审计日志',
    ],
  },
  {
    username: 'nanhu.clerk',
    role: '综合窗口人员',
    unit: '南湖区行政审批局',
    menu: [
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
    ],
  },
  {
    username: 'nanhu.officer',
    role: '部门审批人员',
    unit: '南湖区发展和改革局',
    menu: [
      '我的待办',
      '办理时限',
      '办件',
      '协调事项',
      '书面征询',
      '会议',
      '承诺督办',
      '督办台账',
      '事项清单',
      '组织机构',
      '工作日历',
    ],
  },
  {
    username: 'nanhu.super',
    role: '效能督查',
    unit: '南湖区效能督查室',
    menu: [
      '我的待办',
      '办理时限',
      '办件',
      '协调事项',
      '会议',
      '承诺督办',
      '督办台账',
      '事项清单',
      '组织机构',
      '用户与角色',
      '工作日历',
      '审计日志',
    ],
  },
  {
    username: 'ent.zhineng',
    kind: 'enterprise',
    role: '企业',
    unit: '嘉兴南湖智能装备有限公司',
    menu: ['我的办事', '网上申请', '我的办件', '协调申请', '企业信息'],
  },
];

describe('登录与菜单', () => {
  for (const r of ROLES) {
    it(`${r.username}（${r.role}）登录后看到对应菜单`, () =>
      withPage(app, `login-${r.username}`, async ({ page }) => {
        await login(page, r.username, r.kind ?? 'staff');
        expect(await menuLabels(page)).toEqual(r.menu);
        await expect.poll(() => text(page.getByTestId('role-labels'))).toContain(r.role);
        await expect.poll(() => text(page.getByTestId('user-menu'))).toContain(r.unit);
        // Notifications are for staff only.
        expect(await page.getByTestId('notification-bell').count()).toBe(r.kind === 'enterprise' ? 0 : 1);
      }));
  }

  it('企业用户在企业信息页看到名称和统一社会信用代码', () =>
    withPage(app, 'enterprise-profile', async ({ page }) => {
      await login(page, 'ent.zhineng', 'enterprise');
      await openMenu(page, '企业信息');
      const profile = page.getByTestId('enterprise-profile');
      await expect.poll(() => text(profile)).toContain('嘉兴南湖智能装备有限公司');
      expect(await text(profile)).toContain('91330402MA2B8K3P51');
      expect(await text(profile)).toContain('校验位正确');
    }));

  it('用户名或密码错误时显示中文提示，连续失败后提示锁定', () =>
    withPage(app, 'login-errors', async ({ page }) => {
      await page.goto('/login');
      const username = page.getByLabel('用户名');
      // Autofocus: typing goes straight into the username field.
      await expect.poll(() => username.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.type('nanhu.coord');
      await page.keyboard.press('Tab');
      await page.keyboard.type('wrong-password');
      await page.keyboard.press('Enter');
      const error = page.getByTestId('login-error');
      await expect.poll(() => text(error)).toContain('用户名或密码错误');
      const password = page.getByLabel('密码', { exact: true });
      for (let i = 0; i < 5; i++) {
        // After each failure the form clears the password; wait for that before typing the next one.
        await expect.poll(() => password.inputValue()).toBe('');
        await password.fill(`wrong-${i}`);
        await Promise.all([
          page.waitForResponse((r) => r.url().endsWith('/api/auth/login')),
          password.press('Enter'),
        ]);
      }
      await expect.poll(() => text(error)).toContain('锁定');
    }));

  it('未登录访问内部页面先到登录页，登录后回到原页面；退出登录后回到登录页', () =>
    withPage(app, 'login-redirect', async ({ page }) => {
      await page.goto('/audit');
      await page.waitForURL(/\/login\?next=%2Faudit/);
      await page.getByLabel('用户名').fill('nanhu.admin');
      await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
      await page.getByLabel('密码', { exact: true }).press('Enter');
      await page.waitForURL(/\/audit$/);
      await page.getByRole('heading', { name: '审计日志' }).waitFor();
      await page.getByTestId('user-menu').click();
      await page.getByRole('menuitem', { name: '退出登录' }).click();
      await page.waitForURL(/\/login/);
      await page.goto('/org');
      await page.waitForURL(/\/login\?next=%2Forg/);
    }));

  it('无权限的页面显示无权访问', () =>
    withPage(app, 'forbidden-audit', async ({ page }) => {
      await login(page, 'nanhu.clerk');
      await page.goto('/audit');
      await page.getByText('无权访问').waitFor();
    }));
});
