import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
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

/** The unread count on the bell (its accessible name is 通知，N 条未读). */
async function bellCount(page: Page): Promise<number> {
  const label = (await page.getByTestId('notification-bell').getAttribute('aria-label')) ?? '';
  return Number(/(\d+) 条未读/.exec(label)?.[1] ?? 0);
}

/** The first working day after today (Beijing) in a region's calendar, as the server sees it. */
async function nextWorkingDay(page: Page, regionCode: string): Promise<string> {
  return page.evaluate(async (region) => {
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' });
    const year = Number(today.slice(0, 4));
    for (const y of [year, year + 1]) {
      const res = await fetch(`/api/calendar?regionCode=${region}&year=${y}`);
      const cal = (await res.json()) as { days: { date: string; workday: boolean }[] };
      const day = cal.days.find((d) => d.date > today && d.workday);
      if (day) return day.date;
    }
    throw new Error('no working day found');
  }, regionCode);
}

const ARRANGEMENT_2027 = {
  year: 2027,
  sources: [
    {
      docNo: '国办发明电〔2026〕9号',
      title: '国务院办公厅关于2027年部分节假日安排的通知',
      publishedOn: '2026-11-20',
      url: 'https://www.gov.cn/zhengce/content/2026-11/20/content_2027.htm',
    },
  ],
  days: [
    { date: '2027-01-01', kind: 'holiday', name: '元旦' },
    { date: '2027-02-05', kind: 'holiday', name: '春节' },
    { date: '2027-02-08', kind: 'holiday', name: '春节' },
    { date: '2027-02-09', kind: 'holiday', name: '春节' },
    { date: '2027-02-10', kind: 'holiday', name: '春节' },
    { date: '2027-02-11', kind: 'holiday', name: '春节' },
    { date: '2027-02-20', kind: 'makeup_workday', name: '春节' },
  ],
};

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

describe('工作日历管理', () => {
  it('区县管理员登记台风停工日，显示重算的时限；本单位办理人的通知铃铛随之增加', () =>
    withPage(app, 'calendar-local-closure', async ({ page }) => {
      // The officer of 南湖区发展和改革局 watches the bell in a second browser.
      const officerContext = await app.browser.newContext({
        baseURL: app.baseUrl,
        viewport: { width: 1366, height: 860 },
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      });
      try {
        const officer = await officerContext.newPage();
        await login(officer, 'nanhu.officer');
        await officer.getByTestId('panel-deadlines').waitFor();
        // Let the first SSE event (the current count) arrive before reading the baseline.
        await officer.waitForTimeout(500);
        const before = await bellCount(officer);

        await login(page, 'nanhu.admin');
        await openMenu(page, '工作日历');
        // A county administrator may not import national arrangements.
        expect(await page.getByRole('button', { name: /导入放假安排/ }).isDisabled()).toBe(true);
        const day = await nextWorkingDay(page, '330402');

        await page.getByRole('button', { name: /登记本地调整/ }).click();
        const dialog = page.getByRole('dialog', { name: /登记本地调整/ });
        await dialog.getByLabel('日期').click();
        await dialog.getByLabel('日期').fill(day);
        await dialog.getByLabel('日期').press('Enter');
        await dialog.getByLabel('依据').fill('台风红色预警，区政府通知停止办公');
        await dialog.getByRole('button', { name: '登记并重算时限' }).click();

        const result = page.getByTestId('recalc-result');
        await expect.poll(() => text(result)).toMatch(/\d+ 项在办时限已重新计算/);
        const changed = Number(/(\d+) 项在办时限已重新计算/.exec(await text(result))?.[1]);
        expect(changed).toBeGreaterThan(0);
        expect(await result.getByTestId('changed-deadlines').locator('tbody tr.ant-table-row').count()).toBe(
          Math.min(changed, 10),
        );
        expect(await text(page.getByTestId('override-table'))).toContain(day);
        await expect.poll(() => text(page.getByTestId('override-table'))).toContain('台风红色预警');

        // The closure moved the officer's unit deadlines: the bell counts up without a reload.
        await expect.poll(() => bellCount(officer), { timeout: 10_000 }).toBeGreaterThan(before);
        // The closure notifies once per changed deadline, in several events: let the count settle
        // before opening the bell, so the popover is not re-rendered under the click.
        let last = -1;
        await expect
          .poll(
            async () => {
              const now = await bellCount(officer);
              const settled = now === last;
              last = now;
              return settled;
            },
            { interval: 600, timeout: 15_000 },
          )
          .toBe(true);
        await officer.getByTestId('notification-bell').click();
        const all = officer.getByRole('button', { name: '查看全部' });
        await all.waitFor({ state: 'visible' });
        await all.click();
        await officer.waitForURL('**/notifications');
        await officer.getByRole('heading', { name: '通知' }).waitFor();
        const inbox = officer.getByTestId('notification-inbox');
        await expect.poll(() => text(inbox)).toContain('办理时限调整');
        expect(await text(inbox)).toContain(`${day} 停止办公`);
        await officer.screenshot({
          path: path.join(SCREENSHOT_DIR, 'notifications-inbox.png'),
          fullPage: true,
        });
        await officer
          .locator('#main')
          .getByRole('button', { name: /全部标为已读/ })
          .click();
        await expect.poll(() => bellCount(officer)).toBe(0);
        await officer
          .locator('#main')
          .getByText(/^未读（\d+）$/)
          .click();
        await officer.getByText('没有未读通知').waitFor();
      } finally {
        await officerContext.close();
      }
    }));

  it('市级管理员导入 2027 年放假安排：先预览校验，再确认导入', () =>
    withPage(app, 'calendar-import-2027', async ({ page }) => {
      await login(page, 'city.admin');
      await openMenu(page, '工作日历');
      await page.getByRole('button', { name: /导入放假安排/ }).click();
      const dialog = page.getByRole('dialog', { name: '导入放假安排' });

      // The example template downloads as Chinese-annotated JSON.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        dialog.getByRole('button', { name: /下载示例模板/ }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^放假安排导入模板_\d{4}\.json$/);
      expect(fs.readFileSync(await download.path(), 'utf8')).toContain('说明');

      // A make-up day on a Monday is refused by the server's check, shown as a preview error.
      const upload = dialog.getByTestId('import-upload').locator('input[type=file]');
      const wrong = {
        ...ARRANGEMENT_2027,
        days: [
          ...ARRANGEMENT_2027.days.slice(0, -1),
          { date: '2027-02-22', kind: 'makeup_workday', name: '春节' },
        ],
      };
      await upload.setInputFiles({
        name: '2027-wrong.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(wrong)),
      });
      const validation = dialog.getByTestId('import-validation');
      await expect.poll(() => text(validation)).toContain('校验未通过');
      expect(await text(validation)).toContain('不是周六或周日');
      expect(await dialog.getByRole('button', { name: /确认导入/ }).isDisabled()).toBe(true);

      await dialog.getByRole('button', { name: /返回修改/ }).click();
      await upload.setInputFiles({
        name: '2027.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(ARRANGEMENT_2027)),
      });
      await expect.poll(() => text(validation)).toContain('校验通过');
      expect(await text(validation)).toContain('2027 年工作日');
      expect(await text(dialog.getByTestId('import-preview'))).toContain('国办发明电〔2026〕9号');
      await dialog.getByTestId('changed-deadlines').waitFor();
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'calendar-import-preview.png') });

      await dialog.getByRole('button', { name: /确认导入/ }).click();
      const done = dialog.getByTestId('import-done');
      await expect.poll(() => text(done)).toContain('已导入 2027 年放假安排');
      await dialog.getByRole('button', { name: /完\s*成/ }).click();
      await dialog.waitFor({ state: 'hidden' });

      // The page now shows 2027 as official, with the make-up Saturday.
      const february = page.getByTestId('month-2');
      await february.getByLabel('2027-02-20 调休上班（春节）').waitFor();
      await expect.poll(() => text(page.getByText('数据来源').first())).toContain('国务院办公厅通知');
      expect(await february.getByLabel(/^2027-02-\d\d 法定节假日（春节）/).count()).toBe(5);
    }));
});
