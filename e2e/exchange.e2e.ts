import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../server/demo/seed.ts';
import { type E2eApp, login, openMenu, SCREENSHOT_DIR, startApp, text, withPage } from './harness.ts';

let app: E2eApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

/** A window clerk receives and accepts one case through the API: the region's first case steps. */
async function windowCase(baseUrl: string) {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'nanhu.clerk', password: DEMO_PASSWORD }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const get = async (url: string) => (await fetch(`${baseUrl}${url}`, { headers: { cookie } })).json();
  const item = (await get('/api/catalog/items?region=330402&limit=100')).items.find(
    (i: { name: string }) => i.name === '企业投资项目备案',
  );
  const version = await get(`/api/catalog/versions/${item.versionId}`);
  const res = await fetch(`${baseUrl}/api/cases`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({
      itemVersionId: version.id,
      applicant: { name: '嘉兴南湖智能装备有限公司', idType: 'uscc', idNumber: '91330402MA2B8K3P51' },
      contact: { name: '钱志远', phone: '13905730001' },
      project: { code: '2611-330402-04-01-123456', name: '年产5万台工业机器人项目' },
      materials: version.materials.map((m: { id: number }) => ({ materialId: m.id, paperChecked: true })),
    }),
  });
  expect(res.status).toBe(201);
}

describe('数据交换', () => {
  it('管理员生成 GB/T 39046 增量批次并下载批次文件；没有新环节时不生成空批次', () =>
    withPage(app, 'exchange-batches', async ({ page }) => {
      await windowCase(app.baseUrl);
      await login(page, 'nanhu.admin');
      await openMenu(page, '数据交换');
      await page.getByRole('heading', { name: '数据交换' }).waitFor();
      const table = page.getByTestId('exchange-batches');
      await table.getByText('尚未生成批次').waitFor();

      await page.getByRole('button', { name: /生成增量批次/ }).click();
      await page.getByText(/已生成批次 330402-000001，共 \d+ 条记录/).waitFor();
      const row = table.locator('tr', { hasText: '330402-000001' });
      await expect.poll(() => row.count()).toBe(1);
      expect(await text(row)).toContain('南湖区');
      // This server has no upstream address: the batch is for manual filing, with no resend button.
      expect(await text(row)).toContain('人工报送');
      expect(await row.getByRole('button', { name: /重新报送/ }).count()).toBe(0);
      // On a 1366-pixel screen the table fits and the digest shows its 16 characters whole, not clipped.
      const digest = row.locator('code');
      expect(
        await digest.evaluate((el) => {
          const code = el.getBoundingClientRect();
          const cell = el.closest('td')!.getBoundingClientRect();
          const table = el.closest('table')!;
          const fits = table.getBoundingClientRect().right <= document.documentElement.clientWidth;
          return fits && code.width > 100 && code.left >= cell.left && code.right <= cell.right;
        }),
      ).toBe(true);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'exchange-batches-1366.png'), fullPage: true });

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        row.getByRole('link', { name: '下载批次 330402-000001' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('办件交换_330402-000001.json');
      const file = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'));
      expect(file.batch).toBe('330402-000001');
      expect(file.records.length).toBeGreaterThan(0);
      expect(file.records[0]).toMatchObject({ cd_batch: '330402-000001', cd_operation: 'I' });

      await page.getByRole('button', { name: /生成增量批次/ }).click();
      await page.getByText('上一批次之后没有新的办理记录，无需生成新批次。').waitFor();
      expect(await table.locator('tbody tr').count()).toBe(1);
    }));
});
