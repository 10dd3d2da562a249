import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eApp, login, openMenu, SCREENSHOT_DIR, startApp, text, withPage } from './harness.ts';

let app: E2eApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

describe('事项清单：部门起草变更 → 中心审核发布新版本；导入先校验', () => {
  it('a department lead drafts a change; the administrator sees the difference and publishes version 2', async () => {
    await withPage(app, 'catalog-draft', async ({ page }) => {
      await login(page, 'nanhu.lead');
      await openMenu(page, '事项清单');
      const table = page.getByTestId('catalog-items');
      await table.getByText('固定资产投资项目节能审查').click();
      await page.getByTestId('item-drawer').getByTestId('item-facts').waitFor();
      await page.getByTestId('item-draft-modify').click();
      const form = page.getByTestId('item-form');
      await form.waitFor();
      const days = form.getByLabel('承诺办结时限');
      await days.fill('8');
      await form.getByLabel('变更理由').fill('优化营商环境，承诺时限由 10 个工作日压缩为 8 个工作日');
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'catalog-draft.png'), fullPage: true });
      await page.getByTestId('item-form-submit').click();
      await form.waitFor({ state: 'detached' });
    });

    await withPage(app, 'catalog-approve', async ({ page }) => {
      await login(page, 'nanhu.admin');
      await openMenu(page, '事项清单');
      await page.getByRole('tab', { name: '变更申请' }).click();
      const list = page.getByTestId('change-requests');
      await list.getByText('固定资产投资项目节能审查').first().click();
      const diff = page.getByTestId('change-diff');
      await diff.waitFor();
      expect(await text(diff)).toMatch(/承诺办结时限[\s\S]*10[\s\S]*8/);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'catalog-change-diff.png'), fullPage: true });
      await page.getByTestId('decision-approve').click();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /^通\s*过$/ })
        .click();
      await page.getByText(/新版本已发布/).waitFor();

      // The published list shows version 2 with the new limit (同源发布: the same rows the portal reads).
      const res = await page.evaluate(async () => {
        const list = await (await fetch('/api/catalog/items?region=330402&limit=100')).json();
        return list.items.find((i: { name: string }) => i.name === '固定资产投资项目节能审查');
      });
      expect(res).toMatchObject({ versionNo: 2, promisedDays: 8 });
    });
  });

  it('the import previews a file without writing, with a progress bar and a row report', () =>
    withPage(app, 'catalog-import', async ({ page }) => {
      await login(page, 'nanhu.admin');
      await openMenu(page, '事项清单');
      const csv = await page.evaluate(async () => (await fetch('/api/catalog/export?region=330402')).text());
      const broken = csv.replace(/,01,/, ',99,');
      await page.getByRole('button', { name: /导\s*入/ }).click();
      await page
        .getByTestId('import-upload')
        .locator('input[type=file]')
        .setInputFiles({ name: '事项清单.csv', mimeType: 'text/csv', buffer: Buffer.from(broken, 'utf8') });
      const report = page.getByTestId('import-report');
      await report.waitFor();
      expect(await text(report)).toContain('校验未通过');
      expect(await text(page.getByTestId('import-errors'))).toContain('事项类型');
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'catalog-import-errors.png'), fullPage: true });
      expect(await page.getByTestId('import-confirm').isDisabled()).toBe(true);
    }));
});
