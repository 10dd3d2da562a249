import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type E2eApp,
  login,
  openMenu,
  pickOption,
  SCREENSHOT_DIR,
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

// nanhu.officer (南湖区发展和改革局) sees the three demo deadlines of its unit; the demo is built so
// that their levels are a mix whatever day the test runs, so counts are checked, not fixed levels.
describe('办理时限', () => {
  it('部门审批人员在工作台看到预警，按红黄绿筛选列表，打开时限台账', () =>
    withPage(app, 'deadlines-list-ledger', async ({ page }) => {
      await login(page, 'nanhu.officer');
      const panel = page.getByTestId('panel-deadlines');
      await expect
        .poll(() => text(panel.getByTestId('level-counts')))
        .toMatch(/红灯超期 \d+.*黄灯预警 \d+.*正常 \d+/);
      await panel.locator('svg').first().waitFor(); // the ECharts donut was drawn
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'workbench-deadlines.png'), fullPage: true });

      await openMenu(page, '办理时限');
      const table = page.getByTestId('deadline-table');
      const rows = table.locator('tbody tr.ant-table-row');
      await expect.poll(() => rows.count()).toBe(3);
      expect(await text(table)).toContain('南湖智能装备');

      // Server-side level filter: each tab shows only its level, and the three add up to the whole list.
      let total = 0;
      for (const [tab, level] of [
        ['红灯超期', 'red'],
        ['黄灯预警', 'yellow'],
        ['正常', 'green'],
      ] as const) {
        const answer = page.waitForResponse((r) => r.url().includes(`/api/deadlines?level=${level}`));
        await page.getByTestId('level-filter').getByText(tab, { exact: true }).click();
        await answer;
        await expect.poll(() => table.locator('.ant-spin-spinning').count()).toBe(0);
        // Read the rendered levels in one snapshot, and wait until the table shows this tab's rows
        // only (the response can arrive before React has re-rendered the previous tab's rows).
        const levelsNow = () =>
          table
            .locator('tbody [data-level]')
            .evaluateAll((els) => els.map((e) => e.getAttribute('data-level')));
        await expect.poll(async () => (await levelsNow()).every((l) => l === level)).toBe(true);
        total += (await levelsNow()).length;
      }
      expect(total).toBe(3);

      await page.getByTestId('level-filter').getByText('全部', { exact: true }).click();
      await expect.poll(() => rows.count()).toBe(3);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'deadlines-list.png'), fullPage: true });

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: /导出表格/ }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^办理时限_\d{12}\.xlsx$/);
      expect(
        fs
          .readFileSync(await download.path())
          .subarray(0, 2)
          .toString(),
      ).toBe('PK');
      await page.getByText('已导出 3 项办理时限').waitFor();

      await rows.first().getByRole('link').click();
      await page.getByRole('heading', { name: '时限台账' }).waitFor();
      const ledger = page.getByTestId('deadline-ledger').first();
      await expect.poll(() => text(ledger)).toContain('受理日');
      expect(await text(ledger)).toContain('截止日');
      expect(await ledger.locator('.ant-timeline-item').count()).toBeGreaterThanOrEqual(4);
      expect(await text(page.getByTestId('deadline-facts'))).toContain('个工作日');
    }));

  it('挂起计时后台账显示挂起，恢复计时后显示恢复日', () =>
    withPage(app, 'deadlines-suspend-resume', async ({ page }) => {
      await login(page, 'nanhu.officer');
      await openMenu(page, '办理时限');
      const rows = page.getByTestId('deadline-table').locator('tbody tr.ant-table-row');
      await expect.poll(() => rows.count()).toBe(3);
      await rows.nth(1).getByRole('link').click();
      await page.getByRole('heading', { name: '时限台账' }).waitFor();
      const timeline = page.getByTestId('suspension-timeline');
      await expect.poll(() => text(timeline)).toContain('没有挂起记录');

      await page.getByRole('button', { name: /挂起计时$/ }).click();
      const dialog = page.getByRole('dialog', { name: '挂起计时' });
      await dialog.getByLabel('挂起事由').click();
      await pickOption(page, '补正');
      await dialog.getByLabel('原因').fill('申请材料不齐，已出具一次性告知补正通知书');
      await dialog.getByRole('button', { name: /挂\s*起/ }).click();
      await page.getByText('已挂起计时').waitFor();
      await expect.poll(() => text(timeline)).toContain('尚未恢复');
      expect(await text(timeline)).toContain('补正');
      const ledger = page.getByTestId('deadline-ledger').first();
      await expect.poll(() => text(ledger)).toContain('挂起（补正）');
      expect(await text(page.getByTestId('deadline-facts'))).toContain('挂起中');

      await page.getByRole('button', { name: /恢复计时$/ }).click();
      const resume = page.getByRole('dialog', { name: '恢复计时' });
      await resume.getByRole('button', { name: /恢\s*复/ }).click();
      await page.getByText(/已恢复计时/).waitFor();
      await expect.poll(() => text(timeline)).toMatch(/补正：\d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2}/);
      await expect.poll(() => text(ledger)).toContain('恢复');
      expect(await text(page.getByTestId('change-history'))).toContain('挂起：申请材料不齐');
      await page.getByRole('button', { name: /挂起计时$/ }).waitFor();
      await resume.waitFor({ state: 'hidden' });
    }));
});
