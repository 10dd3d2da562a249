import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eApp, login, pickOption, startApp, text, withPage } from './harness.ts';

let app: E2eApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

const confirm = async (page: import('playwright-core').Page) => {
  await page
    .locator('.ant-modal-confirm')
    .getByRole('button', { name: /确\s*定/ })
    .click();
};

describe('会议与会议纪要', () => {
  it('协调人员由“拟召开协调会”的协调事项召开专题协调会并印发通知，受邀部门回执', async () => {
    let meetingUrl = '';
    await withPage(app, 'meeting-convene', async ({ page }) => {
      await login(page, 'nanhu.coord');
      const id = await page.evaluate(async () => {
        const r = await (await fetch('/api/coordination?q=智能网联&state=meeting_proposed')).json();
        return r.items[0].id as number;
      });
      await page.goto(`/coordination/${id}`);
      const card = page.getByTestId('request-meetings');
      await card.getByRole('button', { name: '召开专题协调会' }).click();
      const dialog = page.getByRole('dialog', { name: '召开专题协调会' });
      await dialog.getByLabel('会议地点').fill('南湖区行政审批局三楼第一会议室');
      await dialog.getByLabel('主持人').fill('区行政审批局局长 沈建华');
      // Urgent: the notice period does not depend on the day the test runs.
      await dialog.getByRole('checkbox', { name: /紧急会议/ }).check();
      await dialog.getByRole('button', { name: '创建会议' }).click();
      await page.waitForURL(/\/meetings\/\d+$/);
      meetingUrl = new URL(page.url()).pathname;
      await expect.poll(() => text(page.getByRole('heading', { level: 1 }))).toContain('专题协调会');
      // Topics and invitees come from the request.
      expect(await text(page.getByTestId('meeting-invitees'))).toContain('南湖区发展和改革局');
      await page.getByRole('button', { name: '印发会议通知' }).click();
      await confirm(page);
      await expect.poll(() => text(page.getByText('已发通知').first())).toBe('已发通知');
      await expect.poll(() => page.getByRole('link', { name: /PDF/ }).count()).toBeGreaterThan(0);
    });
    await withPage(app, 'meeting-acknowledge', async ({ page }) => {
      await login(page, 'nanhu.officer');
      await page.goto(meetingUrl);
      const ack = page.getByTestId('meeting-acknowledge');
      await ack.getByLabel('参会人员').fill('发改 刘洋');
      await ack.getByRole('button', { name: /回\s*执/ }).click();
      await expect.poll(() => text(page.getByTestId('meeting-invitees'))).toContain('发改 刘洋');
      expect(await page.getByTestId('meeting-acknowledge').count()).toBe(0);
      // The department's workbench lists its coming meetings.
      await page.goto('/');
      await expect.poll(() => text(page.getByTestId('panel-meetings'))).toContain('专题协调会');
    });
  });

  it('记录出席与议定事项，起草纪要，主持人签发后印发；纪要可公开核验，改动一个字节即失败', async () => {
    let meetingUrl = '';
    await withPage(app, 'meeting-record', async ({ page }) => {
      await login(page, 'nanhu.coord');
      const id = await page.evaluate(async () => {
        const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
        const r = await (await fetch(`/api/meetings?from=${day(-2)}&to=${day(2)}`)).json();
        return r.items.find((m: { title: string }) => m.title.includes('光伏储能')).id as number;
      });
      meetingUrl = `/meetings/${id}`;
      await page.goto(meetingUrl);
      const record = page.getByTestId('meeting-record');
      await record.getByLabel('南湖区发展和改革局出席情况').click();
      await pickOption(page, '出席');
      await record.getByLabel('南湖区发展和改革局出席人员').fill('发改 孙伟');
      for (const [i, content, owner, days] of [
        [1, '住房和城乡建设局组织既有建筑安全鉴定', '南湖区住房和城乡建设局', '10'],
        [2, '发展和改革局先行办理光伏项目备案', '南湖区发展和改革局', '3'],
      ] as const) {
        await record.getByRole('button', { name: '添加议定事项' }).click();
        await record.getByLabel(`议定事项 ${i}`, { exact: true }).fill(content);
        await record.getByLabel(`议定事项 ${i} 责任单位`).click();
        await record.getByLabel(`议定事项 ${i} 责任单位`).fill(owner.slice(3, 7));
        await pickOption(page, owner);
        await record.getByLabel(`议定事项 ${i} 工作日`).fill(days);
      }
      await record.getByRole('button', { name: '保存会议记录' }).click();
      await page.getByText('会议记录已保存').waitFor();
      const minutes = page.getByTestId('meeting-minutes');
      await minutes
        .getByLabel('纪要正文')
        .fill('会议听取了项目单位关于光伏项目备案与建筑安全鉴定顺序问题的汇报。经研究，形成如下议定事项。');
      await minutes.getByRole('button', { name: '保存纪要' }).click();
      await page.getByText('纪要已保存').waitFor();
      // The preview shows what will be issued.
      const preview = page.getByTestId('minutes-preview');
      expect(await text(preview)).toContain('住房和城乡建设局组织既有建筑安全鉴定');
      expect(await text(preview)).toContain('出席：');
    });
    await withPage(app, 'meeting-approve', async ({ page }) => {
      await login(page, 'nanhu.leader');
      // The chair's workbench shows the minutes waiting for the signature.
      await expect.poll(() => text(page.getByTestId('panel-minutes'))).toContain('待签发纪要');
      await page.goto(meetingUrl);
      await page.getByRole('button', { name: '签发会议纪要' }).click();
      await confirm(page);
      await expect.poll(() => text(page.getByTestId('meeting-minutes'))).toContain('主持人已签发');
    });
    await withPage(app, 'meeting-minutes-issued', async ({ page }) => {
      await login(page, 'nanhu.coord');
      await page.goto(meetingUrl);
      await page.getByRole('button', { name: '印发会议纪要' }).click();
      await confirm(page);
      await expect.poll(() => text(page.getByTestId('meeting-minutes'))).toContain('已印发');
      const verdict = await page.evaluate(async (url) => {
        const m = await (await fetch(`/api${url}`)).json();
        const pdf = new Uint8Array(
          await (await fetch(`/api${url}/documents/${m.minutesDocumentId}/pdf`)).arrayBuffer(),
        );
        const check = async (bytes: Uint8Array<ArrayBuffer>) =>
          (
            await fetch('/api/documents/verify', {
              method: 'POST',
              headers: { 'content-type': 'application/pdf' },
              body: bytes,
            })
          ).json();
        const good = await check(pdf);
        const bad = pdf.slice();
        const at = Math.floor(bad.length / 2);
        bad[at] = (bad[at] ?? 0) ^ 1;
        return { good, bad: await check(bad) };
      }, meetingUrl);
      expect(verdict.good.valid).toBe(true);
      expect(verdict.good.number).toMatch(/南审纪〔\d{4}〕\d+号/);
      expect(verdict.bad.found).toBe(false);
      // The request now tracks the two decisions.
      await page.getByRole('link', { name: '查看协调事项' }).click();
      await expect.poll(() => text(page.getByTestId('timeline'))).toContain('印发会议纪要');
    });
  });

  it('会议日历按周显示：翻到工作例会所在的周可以看到它', () =>
    withPage(app, 'meeting-calendar', async ({ page }) => {
      await login(page, 'nanhu.coord');
      await page.goto('/meetings');
      const table = page.getByTestId('meeting-table');
      await table.waitFor();
      // The demo's regular meeting is 16 days ahead: that many weeks after this one (Monday first).
      const weeks = await page.evaluate(async () => {
        const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
        const r = await (await fetch(`/api/meetings?from=${day(0)}&to=${day(40)}`)).json();
        const m = r.items.find((x: { kind: string }) => x.kind === 'regular');
        const monday = (d: Date) => {
          const x = new Date(d.getFullYear(), d.getMonth(), d.getDate());
          x.setDate(x.getDate() - ((x.getDay() + 6) % 7));
          return x.getTime();
        };
        return Math.round((monday(new Date(m.startsAt)) - monday(new Date())) / (7 * 86_400_000));
      });
      await page.getByText('周', { exact: true }).click();
      for (let i = 0; i < weeks; i++) await page.getByRole('button', { name: '下一周' }).click();
      await expect.poll(() => text(table)).toContain('南湖区审批服务工作例会');
      expect(await text(table)).toContain('已发通知');
    }));
});
