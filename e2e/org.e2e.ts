import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eApp, login, openMenu, startApp, text, withPage } from './harness.ts';

let app: E2eApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

describe('组织机构', () => {
  it('管理员新建单位，名称实时校验，新单位出现在列表中并可查看详情', () =>
    withPage(app, 'org-create-unit', async ({ page }) => {
      await login(page, 'nanhu.admin');
      await openMenu(page, '组织机构');
      await page.getByRole('heading', { name: '组织机构' }).waitFor();
      await expect.poll(() => text(page.getByTestId('units-table'))).toContain('南湖区发展和改革局');

      await page.getByRole('button', { name: '新建单位' }).click();
      const dialog = page.getByRole('dialog', { name: '新建单位' });
      await dialog.getByLabel('单位名称').fill('南');
      await dialog.getByText('单位名称至少 2 个字').waitFor();
      await dialog.getByLabel('单位名称').fill('南湖区数据资源管理局');
      await dialog.getByLabel('发文机关代字').fill('南数');
      // The USCC's check character is verified as it is typed; lower case is accepted.
      await dialog.getByLabel('统一社会信用代码').fill('11330402MB00001000');
      await dialog.getByText('统一社会信用代码校验位不正确').waitFor();
      await dialog.getByLabel('统一社会信用代码').fill('11330402mb0000100q');
      await dialog.getByLabel('发文机关代字').press('Enter');
      await page.getByText('已新建单位“南湖区数据资源管理局”').waitFor();
      await expect.poll(() => text(page.getByTestId('units-table'))).toContain('南湖区数据资源管理局');

      await page.getByRole('link', { name: '南湖区数据资源管理局' }).click();
      const detail = page.getByTestId('unit-detail');
      await expect.poll(() => text(detail)).toContain('南数');
      expect(await text(detail)).toContain('11330402MB0000100Q');
      expect(await text(detail)).toContain('嘉兴市南湖区');
    }));

  it('编辑时他人已保存，提示记录已被修改并加载最新内容', () =>
    withPage(app, 'org-stale-edit', async ({ page }) => {
      await login(page, 'nanhu.admin');
      await page.goto('/org?q=商务局');
      await expect.poll(() => text(page.getByTestId('units-table'))).toContain('南湖区商务局');
      await page.getByRole('button', { name: '编辑 南湖区商务局' }).click();
      const dialog = page.getByRole('dialog', { name: '编辑单位' });
      await dialog.getByLabel('发文机关代字').fill('南商务');

      // Someone else saves the same unit in the meantime (same admin, another request).
      const changed = await page.evaluate(async () => {
        const list = await (await fetch('/api/units?q=商务局')).json();
        const unit = list.items.find((u: { name: string }) => u.name === '南湖区商务局');
        const got = await fetch(`/api/units/${unit.id}`);
        const res = await fetch(`/api/units/${unit.id}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json', 'if-match': got.headers.get('etag') ?? '' },
          body: JSON.stringify({ shortName: '南商' }),
        });
        return res.status;
      });
      expect(changed).toBe(200);

      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await dialog.getByTestId('stale-warning').waitFor();
      expect(await text(dialog.getByTestId('stale-warning'))).toContain('已被他人修改');
      await expect.poll(() => dialog.getByLabel('发文机关代字').inputValue()).toBe('南商');
    }));

  it('部门审批人员打开其他部门的单位地址，看到未找到页面', () =>
    withPage(app, 'org-out-of-scope', async ({ page }) => {
      // The id of another department, read as the admin through the API.
      await login(page, 'nanhu.admin');
      const otherId = await page.evaluate(async () => {
        const list = await (await fetch('/api/units?q=自然资源和规划局&regionCode=330402')).json();
        return list.items[0].id as number;
      });
      await page.context().clearCookies();

      await login(page, 'nanhu.officer');
      await page.goto('/org');
      await expect.poll(() => text(page.getByTestId('units-table'))).toContain('南湖区发展和改革局');
      expect(await text(page.getByTestId('units-table'))).not.toContain('自然资源和规划局');
      await page.goto(`/org/units/${otherId}`);
      await page.getByText('未找到该单位').waitFor();
      expect(await text(page.locator('#main'))).toContain('不在您的数据范围内');
    }));
});
