import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eApp, login, pickOption, startApp, text, withPage } from './harness.ts';

let app: E2eApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

describe('列表：总数、页码与跳转、筛选与重置', () => {
  it('审计日志显示总条数，可跳到第 2 页；筛选后可一键重置', () =>
    withPage(app, 'list-paging', async ({ page }) => {
      await login(page, 'city.admin');
      const total = await page.evaluate(
        async () => (await (await fetch('/api/audit-events?limit=20')).json()).total,
      );
      expect(total).toBeGreaterThan(20);
      await page.goto('/audit');
      const table = page.getByTestId('audit-table');
      const pager = page.locator('.ant-pagination');
      await table.locator('tbody tr.ant-table-row').first().waitFor();
      // The footer states the total the server counted.
      await expect.poll(() => text(pager)).toMatch(/共 [\d,]+\+? 条/);

      const firstRow = await text(table.locator('tbody tr.ant-table-row').first());
      const jumper = pager.locator('.ant-pagination-options-quick-jumper input');
      await jumper.fill('2');
      await jumper.press('Enter');
      await expect.poll(() => text(pager.locator('.ant-pagination-item-active'))).toBe('2');
      await expect.poll(() => text(table.locator('tbody tr.ant-table-row').first())).not.toBe(firstRow);

      // A filter returns to page 1; 重置 clears it and is disabled again.
      const reset = page.getByRole('button', { name: /重\s*置/ });
      expect(await reset.isDisabled()).toBe(true);
      await page.getByLabel('操作人').fill('city.admin');
      await page.getByRole('button', { name: /查\s*询/ }).click();
      await expect.poll(() => text(pager.locator('.ant-pagination-item-active'))).toBe('1');
      await expect.poll(() => reset.isDisabled()).toBe(false);
      await reset.click();
      await expect.poll(() => reset.isDisabled()).toBe(true);
      expect(await page.getByLabel('操作人').inputValue()).toBe('');
    }));

  it('单位列表的筛选写在地址里，重置后恢复全部', () =>
    withPage(app, 'list-filters-url', async ({ page }) => {
      await login(page, 'city.admin');
      await page.goto('/org');
      const table = page.getByTestId('units-table');
      const totalText = page.locator('.ant-pagination-total-text');
      await table.locator('tbody tr.ant-table-row').first().waitFor();
      const all = await text(totalText);
      await page.getByLabel('单位类别').click();
      await pickOption(page, '政务服务中心');
      await expect.poll(() => page.url()).toContain('kind=center');
      await expect.poll(() => text(totalText)).not.toBe(all);
      await page.getByRole('button', { name: /重\s*置/ }).click();
      await expect.poll(() => page.url()).not.toContain('kind=');
      await expect.poll(() => text(totalText)).toBe(all);
    }));
});
