import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eApp, startApp, text, withPage } from './harness.ts';

let app: E2eApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

describe('公文核验（公开页面）', () => {
  it('无需登录即可核验：上传的文件或输入的摘要与平台文书不符时给出明确提示', () =>
    withPage(app, 'verify-public', async ({ page }) => {
      await page.goto('/login');
      await page.getByRole('link', { name: '公文核验' }).click();
      await page.getByRole('heading', { name: '公文核验' }).or(page.getByText('公文核验').first()).waitFor();
      await page.getByRole('tab', { name: '文号与摘要' }).click();
      await page.getByLabel('SM3 摘要').fill('0'.repeat(64));
      await page.getByRole('button', { name: /核\s*验/ }).click();
      const result = page.getByTestId('verify-result');
      await expect.poll(() => text(result)).toContain('没有与该文件摘要相符的文书');

      await page.getByRole('tab', { name: '上传文件' }).click();
      await page.locator('input[type=file]').setInputFiles({
        name: '改动过的函.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.7\n% 一份被改动过的文件\n%%EOF'),
      });
      await expect.poll(() => text(result)).toContain('文件可能被改动过');
    }));
});
