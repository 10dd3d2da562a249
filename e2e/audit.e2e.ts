import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eApp, login, openMenu, startApp, text, withPage } from './harness.ts';

let app: E2eApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

describe('审计日志', () => {
  it('列出审计事件，按操作筛选，校验审计链显示完整，并导出表格', () =>
    withPage(app, 'audit-verify-export', async ({ page }) => {
      await login(page, 'nanhu.admin');
      // A region-scoped admin sees the events of its units (logins carry no unit): make one.
      const status = await page.evaluate(async () => {
        const res = await fetch('/api/units', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ regionCode: '330402', kind: 'park', name: '南湖高新技术产业园区' }),
        });
        return res.status;
      });
      expect(status).toBe(201);
      await openMenu(page, '审计日志');
      const table = page.getByTestId('audit-table');
      await expect.poll(() => text(table)).toContain('新建单位');
      expect(await text(table)).toContain('nanhu.admin');

      await page.getByLabel('操作人').fill('nanhu.admin');
      await page.getByRole('button', { name: /查\s*询/ }).click();
      await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);

      await page.getByRole('button', { name: '校验审计链' }).click();
      const result = page.getByTestId('verify-result');
      await expect.poll(() => text(result)).toContain('完整');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: '导出表格' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^审计日志_\d{12}\.xlsx$/);
      const file = await download.path();
      const bytes = fs.readFileSync(file);
      expect(bytes.subarray(0, 2).toString()).toBe('PK'); // a zip container, i.e. a real .xlsx
      await page.getByText(/已导出 \d+ 条审计记录/).waitFor();
    }));

  it('效能督查可以查询但看不到校验按钮', () =>
    withPage(app, 'audit-supervisor', async ({ page }) => {
      await login(page, 'nanhu.super');
      await page.goto('/audit');
      await page.getByRole('heading', { name: '审计日志' }).waitFor();
      await page.getByTestId('audit-table').waitFor();
      expect(await page.getByRole('button', { name: '校验审计链' }).count()).toBe(0);
    }));
});
