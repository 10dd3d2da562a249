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
      // Topics and invitees come from the request; the notice waits for the leader's approval.
      expect(await text(page.getByTestId('meeting-invitees'))).toContain('南湖区发展和改革局');
      expect(await text(page.getByTestId('meeting-agenda'))).toContain('议题待分管领导审定');
      expect(await page.getByRole('button', { name: '印发会议通知' }).count()).toBe(0);
    });
    await withPage(app, 'meeting-agenda-approve', async ({ page }) => {
      await login(page, 'nanhu.leader');
      await page.goto(meetingUrl);
      await page.getByRole('button', { name: '审定议题' }).click();
      await page
        .getByRole('dialog', { name: '审定议题' })
        .getByRole('button', { name: /审\s*定/ })
        .click();
      await expect.poll(() => text(page.getByTestId('meeting-agenda'))).toContain('议题已审定');
    });
    await withPage(app, 'meeting-convene-notice', async ({ page }) => {
      await login(page, 'nanhu.coord');
      await page.goto(meetingUrl);
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
      // Planned from the standing schedule, waiting for the organiser's notice.
      expect(await text(table)).toContain('筹备中');
    }));

  it('工作例会按例会制度生成，议程填入审批数据；会议制度页列出例会制度与联席会议制度', () =>
    withPage(app, 'meeting-regular-figures', async ({ page }) => {
      await login(page, 'nanhu.coord');
      await page.goto('/meetings/system');
      const schedules = page.getByTestId('meeting-schedules');
      await expect.poll(() => text(schedules)).toContain('南湖区审批服务工作例会');
      expect(await text(schedules)).toContain('每周一');
      await expect.poll(() => text(page.getByTestId('joint-system'))).toContain('审批局局长 沈建华');
      const id = await page.evaluate(async () => {
        const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
        const r = await (await fetch(`/api/meetings?from=${day(0)}&to=${day(40)}`)).json();
        return r.items.find((x: { kind: string }) => x.kind === 'regular').id as number;
      });
      await page.goto(`/meetings/${id}`);
      const figures = page.getByTestId('meeting-figures');
      await expect.poll(() => text(figures)).toContain('按期办结率');
      expect(await text(figures)).toContain('合计');
      // The first topic states the figures of the period.
      await expect
        .poll(() => text(page.getByTestId('meeting-agenda')))
        .toMatch(/审批工作进展：.*受理 \d+ 件/);
      expect(await text(page.getByTestId('meeting-materials'))).toContain('上周审批办件统计表.pdf');
    }));

  it('联席会议：成员单位申报议题，召集人审定并指定副召集人主持，纪要由其签发', async () => {
    let meetingUrl = '';
    await withPage(app, 'meeting-joint-propose', async ({ page }) => {
      await login(page, 'nanhu.coord');
      meetingUrl = await page.evaluate(async () => {
        const start = new Date(Date.now() + 21 * 86_400_000).toISOString();
        const r = await fetch('/api/meetings', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            kind: 'joint',
            title: '南湖区工程建设项目审批制度改革联席会议第五次会议',
            startsAt: start,
            place: '南湖区政府第二会议室',
            topics: [{ title: '研究工程建设项目联合验收中的共性问题', requestId: null }],
          }),
        });
        return `/meetings/${(await r.json()).id}`;
      });
    });
    await withPage(app, 'meeting-joint-member', async ({ page }) => {
      await login(page, 'nanhu.officer2');
      await page.goto(meetingUrl);
      const form = page.getByTestId('propose-topic');
      await form.getByLabel('议题').fill('多测合一成果在联合验收中的共享');
      await form.getByLabel('申报理由').fill('测绘成果重复提交，验收时间延长。');
      await form.getByRole('button', { name: /申\s*报/ }).click();
      await expect.poll(() => text(page.getByTestId('meeting-proposals'))).toContain('待处理');
    });
    await withPage(app, 'meeting-joint-office', async ({ page }) => {
      await login(page, 'nanhu.coord');
      await page.goto(meetingUrl);
      await page.getByTestId('meeting-proposals').getByRole('button', { name: '列入议程' }).click();
      await expect.poll(() => text(page.getByTestId('meeting-proposals'))).toContain('已列入议程');
      expect(await text(page.getByTestId('meeting-agenda'))).toContain('多测合一成果在联合验收中的共享');
    });
    await withPage(app, 'meeting-joint-convener', async ({ page }) => {
      await login(page, 'nanhu.leader');
      await page.goto(meetingUrl);
      await page.getByRole('button', { name: '审定议题' }).click();
      const dialog = page.getByRole('dialog', { name: '审定议题' });
      await dialog.getByText('审批局局长 沈建华（副召集人）').click();
      await dialog.getByRole('button', { name: /审\s*定/ }).click();
      await expect.poll(() => text(page.getByTestId('meeting-agenda'))).toContain('议题已审定');
      expect(await text(page.locator('.ant-descriptions'))).toContain('审批局局长 沈建华');
    });
  });

  it('纪要发送单位签收会议纪要', () =>
    withPage(app, 'meeting-minutes-receipt', async ({ page }) => {
      await login(page, 'nanhu.officer');
      const id = await page.evaluate(async () => {
        const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
        const r = await (await fetch(`/api/meetings?from=${day(-30)}&to=${day(30)}`)).json();
        return r.items.find((m: { title: string }) => m.title.includes('复合材料')).id as number;
      });
      await page.goto(`/meetings/${id}`);
      const receipts = page.getByTestId('meeting-receipts');
      await expect.poll(() => text(receipts)).toContain('未签收');
      await receipts.getByRole('button', { name: '签收纪要' }).click();
      await expect.poll(() => text(receipts)).toContain('发改 刘洋 已签收');
    }));
});
