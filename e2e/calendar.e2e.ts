import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eApp, login, openMenu, pickOption, startApp, text, withPage } from './harness.ts';

let app: E2eApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

describe('工作日历', () => {
  it('2026 年国庆节放假与调休上班日显示在日历上', () =>
    withPage(app, 'calendar-2026-national-day', async ({ page }) => {
      await login(page, 'nanhu.admin');
      await openMenu(page, '工作日历');
      await page.getByLabel('年份').click();
      await pickOption(page, '2026 年');
      const october = page.getByTestId('month-10');
      await october.getByLabel('2026-10-01 法定节假日（国庆节）').waitFor();
      expect(await october.getByLabel(/^2026-10-0[1-7] 法定节假日/).count()).toBe(5); // 3–4 Oct are a weekend
      await october.getByLabel('2026-10-10 调休上班（国庆节）').waitFor();
      expect(await text(page.getByText('数据来源').first())).toContain('国务院办公厅通知');
    }));
});
