import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eApp, login, openMenu, startApp, text, withPage } from './harness.ts';

let app: E2eApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

describe('公文与印章', () => {
  it('管理员更换协调专用章的密钥，设置书面征询意见函的文号代字，改写督办通知的措辞并预览', () =>
    withPage(app, 'documents-admin', async ({ page }) => {
      await login(page, 'nanhu.admin');
      await openMenu(page, '公文与印章');
      await page.getByRole('heading', { name: '公文与印章' }).waitFor();
      expect(await page.getByRole('link', { name: /公文核验/ }).getAttribute('href')).toBe('/verify');
      await page.getByText('平台印章是完整性证明，不是法定电子印章').waitFor();

      const seals = page.getByTestId('seals-table');
      const row = seals.locator('tr', { hasText: '南湖区行政审批局' }).filter({ hasText: '协调专用章' });
      await expect.poll(() => row.count()).toBe(1);
      expect(await text(row)).toContain('启用');
      expect(await text(row)).toContain('平台校验签名（非法定电子印章）');

      await row.getByRole('button', { name: /更换密钥/ }).click();
      await page
        .locator('.ant-popconfirm:visible')
        .getByRole('button', { name: /更\s*换/ })
        .click();
      await page.getByText(/已为“协调专用章”更换密钥/).waitFor();
      await expect.poll(() => row.count()).toBe(2);
      await expect.poll(() => row.filter({ hasText: '已注销' }).count()).toBe(1);
      expect(await row.filter({ hasText: '启用' }).count()).toBe(1);

      await page.getByRole('tab', { name: '文书模板' }).click();
      const templates = page.getByTestId('templates-table');
      const letter = templates.locator('tr', { hasText: '书面征询意见函' });
      await expect.poll(() => letter.count()).toBe(1);
      await letter.getByRole('button', { name: '编辑 书面征询意见函' }).click();
      const dialog = page.getByRole('dialog', { name: /书面征询意见函/ });
      await dialog.getByLabel('文号代字').fill('协调');
      await dialog.getByLabel('文号代字').press('Enter');
      await page.getByText('已保存“书面征询意见函”的模板设置').waitFor();
      await dialog.waitFor({ state: 'hidden' });
      await expect.poll(() => text(letter.locator('td').nth(1))).toBe('协调');

      // Rewording the 督办通知: a required placeholder cannot be dropped; the sample shows the new text.
      const order = templates.locator('tr', { hasText: '督办通知' });
      await order.getByRole('button', { name: '编辑 督办通知' }).click();
      const orderDialog = page.getByRole('dialog', { name: /督办通知/ });
      const demand = orderDialog.getByRole('textbox', { name: '措辞：督办要求' });
      expect(await demand.getAttribute('placeholder')).toContain('{反馈期限}前将办理情况');
      await demand.fill('请尽快书面报告办理进展。');
      await orderDialog.getByRole('button', { name: /保\s*存/ }).click();
      await orderDialog
        .getByText('“督办要求”须保留占位符{反馈期限}（书面反馈的截止日期）。')
        .first()
        .waitFor();
      await orderDialog.getByRole('button', { name: '填入默认：结束语' }).click();
      expect(await orderDialog.getByRole('textbox', { name: '措辞：结束语' }).inputValue()).toBe(
        '特此通知。',
      );
      await demand.fill('请你单位于{反馈期限}前书面报告办理进展。');
      const [sample] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/supervision_order/preview')),
        orderDialog.getByRole('button', { name: '预览样稿' }).click(),
      ]);
      expect(sample.status()).toBe(200);
      expect(sample.headers()['content-type']).toBe('application/pdf');
      await orderDialog.getByRole('button', { name: /保\s*存/ }).click();
      await page.getByText('已保存“督办通知”的模板设置').waitFor();
      await orderDialog.waitFor({ state: 'hidden' });
      await expect.poll(() => text(order)).toContain('已改写 2 处');
    }));
});
