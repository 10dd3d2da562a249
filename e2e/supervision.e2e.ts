import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eApp, login, pickOption, startApp, text, withPage } from './harness.ts';

let app: E2eApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const CONTENT = '牵头梳理工业项目“拿地即开工”审批清单并报送区政府';

describe('督办台账', () => {
  it('分管领导交办，责任单位附证明材料报告办结，督查室确认办结', async () => {
    let itemUrl = '';
    await withPage(app, 'supervision-assign', async ({ page }) => {
      await login(page, 'nanhu.leader');
      await page.goto('/supervision');
      await page.getByTestId('supervision-table').waitFor();
      await page.getByRole('button', { name: '交办督办事项' }).click();
      const dialog = page.getByRole('dialog', { name: '交办督办事项' });
      await dialog.getByLabel('责任单位').click();
      await dialog.getByLabel('责任单位').fill('发展和改革');
      await pickOption(page, '南湖区发展和改革局');
      await dialog.getByLabel('督办内容').fill(CONTENT);
      await dialog.getByLabel('来源').fill('周强副区长批示');
      await dialog.getByLabel('责任人').fill('孙伟');
      await dialog.getByLabel('工作日数').fill('5');
      await dialog.getByRole('button', { name: /交\s*办/ }).click();
      await page.waitForURL(/\/supervision\/\d+$/);
      itemUrl = new URL(page.url()).pathname;
      await expect.poll(() => text(page.locator('.ant-descriptions'))).toContain('南湖区发展和改革局');
      expect(await text(page.locator('.ant-descriptions'))).toContain('周强副区长批示');
      expect(await text(page.locator('.page-header'))).toContain('督办中');
    });

    await withPage(app, 'supervision-report-done', async ({ page }) => {
      await login(page, 'nanhu.officer');
      await page.goto(itemUrl);
      const form = page.getByTestId('supervision-report-form');
      await form.getByLabel('办结', { exact: true }).check();
      await form
        .getByLabel('办理情况')
        .fill('已梳理工业项目审批事项 36 项，形成“拿地即开工”审批清单，已报送区政府。');
      // Without evidence the report is refused in the form.
      await form.getByRole('button', { name: '报告办结' }).click();
      await form.getByText('报告办结须附办结证明材料').waitFor();
      await form
        .locator('input[type=file]')
        .setInputFiles({ name: '审批清单.pdf', mimeType: 'application/pdf', buffer: PDF });
      await form.locator('.ant-upload-list-item-done', { hasText: '审批清单.pdf' }).waitFor();
      await form.getByRole('button', { name: '报告办结' }).click();
      await expect.poll(() => text(page.locator('.page-header'))).toContain('待确认办结');
      const reports = page.getByTestId('supervision-reports');
      expect(await text(reports)).toContain('办结报告');
      expect(await text(reports)).toContain('审批清单.pdf');
      // Reported: no more reports until the office decides.
      expect(await page.getByTestId('supervision-report-form').count()).toBe(0);
    });

    await withPage(app, 'supervision-confirm', async ({ page }) => {
      await login(page, 'nanhu.super');
      const panel = page.getByTestId('panel-tracking');
      await expect.poll(() => text(panel)).toContain(CONTENT);
      expect(await text(panel)).toContain('待确认办结');
      await panel.getByRole('link', { name: CONTENT }).click();
      await page.waitForURL(/\/supervision\/\d+$/);
      await page.getByRole('button', { name: '确认办结' }).waitFor();
      // A reported item is confirmed or returned, not urged.
      expect(await page.getByRole('button', { name: '催办' }).count()).toBe(0);
      expect(await text(page.getByTestId('supervision-reports'))).toContain('审批清单.pdf');
      await page.getByRole('button', { name: '确认办结' }).click();
      await page
        .locator('.ant-modal-confirm')
        .getByRole('button', { name: /确\s*定/ })
        .click();
      await expect.poll(() => text(page.locator('.page-header'))).toContain('已办结');
      expect(await page.getByRole('button', { name: '确认办结' }).count()).toBe(0);
    });
  });
});
