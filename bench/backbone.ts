// Bench sections for the backbone: deadline recomputation at scale, notification delay from
// commit to a connected browser, and audit-chain verification of 100,000 rows.
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import type { Database } from '../server/db/client.ts';
import { transaction } from '../server/db/client.ts';
import { issueDocument } from '../server/modules/documents/documents.service.ts';
import { SYSTEM_ACTOR, sealAudit, verifyAudit } from '../server/platform/audit/audit.ts';
import { bumpCalendarRevision } from '../server/platform/calendar/store.ts';
import type { SecretBox } from '../server/platform/crypto/secrets.ts';
import { recomputeOpenDeadlines } from '../server/platform/deadlines/deadlines.ts';
import { meetingMinutes } from '../server/platform/documents/templates.ts';
import type { App } from '../server/platform/http/app.ts';
import { notify } from '../server/platform/notify/notify.ts';

const seconds = (t: number) => (performance.now() - t) / 1000;

/** 100,000 open deadlines; a closure on a day inside all of them (they start 09-01..09-05); recompute every one. */
export async function benchDeadlines(database: Database, count: number) {
  const db = database.db;
  const unit = await db
    .selectFrom('unit')
    .select('id')
    .where('region_code', '=', '330402')
    .limit(1)
    .executeTakeFirstOrThrow();
  let t = performance.now();
  await sql`
    insert into deadline (subject_type, subject_id, kind, title, region_code, unit_id, start_date, limit_days,
      due_date, yellow_from, calendar_revision)
    select 'bench', g::text, 'promised', '基准测试时限 ' || g, '330402', ${unit.id},
      date '2026-09-01' + (g % 5), 20, null, null, 1
    from generate_series(1, ${count}) g`.execute(db);
  const insertS = seconds(t);
  t = performance.now();
  await sql`select id, start_date, limit_days from deadline where status = 'open'`.execute(db);
  const readS = seconds(t);
  // First pass fills the stored dates; the second follows a calendar change that moves them all.
  t = performance.now();
  const first = await transaction(db, (trx) =>
    recomputeOpenDeadlines(trx, ['330402'], '基准测试', { on: '2026-09-01' }),
  );
  const firstS = seconds(t);
  await transaction(db, async (trx) => {
    await trx
      .insertInto('calendar_override')
      .values({ region_code: '330402', date: '2026-09-10', kind: 'closure', reason: '基准测试停工' })
      .execute();
    await bumpCalendarRevision(trx);
  });
  t = performance.now();
  const second = await transaction(db, (trx) =>
    recomputeOpenDeadlines(trx, ['330402'], '基准测试停工', { on: '2026-09-01' }),
  );
  const secondS = seconds(t);
  console.log(`\n### 办理时限重算（${count} 项在办）`);
  console.log('| 步骤 | 用时 s | 项/s |');
  console.log('| --- | ---: | ---: |');
  console.log(`| 批量插入（原生 SQL） | ${insertS.toFixed(2)} | ${(count / insertS).toFixed(0)} |`);
  console.log(`| 只读取全部在办时限（原生 SQL） | ${readS.toFixed(2)} | ${(count / readS).toFixed(0)} |`);
  console.log(
    `| 首次计算并写入截止日（${first.length} 项改变） | ${firstS.toFixed(2)} | ${(count / firstS).toFixed(0)} |`,
  );
  console.log(
    `| 日历调整后重算（${second.length} 项改变，含变更记录） | ${secondS.toFixed(2)} | ${(count / secondS).toFixed(0)} |`,
  );
}

/** Commit → event received by a browser-like client over SSE, through a real socket. */
export async function benchNotificationDelay(
  app: App,
  database: Database,
  cookie: string,
  userId: number,
  samples: number,
) {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  const res = await fetch(`http://127.0.0.1:${port}/api/notifications/stream`, {
    headers: { cookie, accept: 'text/event-stream' },
  });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const nextEvent = async () => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (block.includes('data: ')) return;
        continue;
      }
      const chunk = await reader.read();
      if (chunk.done) throw new Error('stream closed');
      buffer += decoder.decode(chunk.value, { stream: true });
    }
  };
  await nextEvent(); // the initial unread count
  const delays: number[] = [];
  for (let i = 0; i < samples; i++) {
    await transaction(database.db, (trx) =>
      notify(trx, { userIds: [userId], kind: 'bench', title: `基准通知 ${i}` }),
    );
    const committed = performance.now();
    await nextEvent();
    delays.push(performance.now() - committed);
  }
  await reader.cancel();
  delays.sort((a, b) => a - b);
  const pct = (p: number) => delays[Math.min(delays.length - 1, Math.floor((p / 100) * delays.length))]!;
  console.log(`\n### 通知延迟（提交 → 浏览器收到，${samples} 次）`);
  console.log(
    `p50 ${pct(50).toFixed(1)} ms，p99 ${pct(99).toFixed(1)} ms，最大 ${delays.at(-1)!.toFixed(1)} ms`,
  );
}

/** 100,000 audit rows: seal them into the chain, then verify the whole chain. */
export async function benchAuditVerify(database: Database, count: number) {
  const db = database.db;
  let t = performance.now();
  await sql`
    insert into audit_event (actor_kind, actor_id, action, target_type, target_id, outcome, summary)
    select 'staff', 1, 'bench.event', 'unit', g::text, 'success', jsonb_build_object('i', g)
    from generate_series(1, ${count}) g`.execute(db);
  const insertS = seconds(t);
  t = performance.now();
  const sealed = await sealAudit(db, 5000);
  const sealS = seconds(t);
  t = performance.now();
  const result = await verifyAudit(db);
  const verifyS = seconds(t);
  console.log(`\n### 审计链（${count} 行）`);
  console.log(
    `插入 ${insertS.toFixed(2)} s；封存 ${sealed} 行 ${sealS.toFixed(2)} s（${(sealed / sealS).toFixed(0)} 行/s）；` +
      `校验 ${result.checked} 行 ${verifyS.toFixed(2)} s（${(result.checked / verifyS).toFixed(0)} 行/s），结果：${result.ok ? '完整' : '损坏'}`,
  );
}

/** Issue (number + render PDF/DOCX + SM2 seal + store) a 3-page minutes document, p50 of `samples`. */
export async function benchDocuments(database: Database, secrets: SecretBox, samples: number) {
  const db = database.db;
  const center = await db
    .selectFrom('unit')
    .select('id')
    .where('name', '=', '南湖区行政审批局')
    .executeTakeFirstOrThrow();
  const decisions = Array.from({ length: 7 }, (_, i) => ({
    text: `关于南湖智能装备项目第${i + 1}项审批事项，由责任部门按会议确定的方案办理，并将办理结果书面报送区行政审批局，确保项目按期开工建设。`,
    owner: ['区发展和改革局', '区自然资源和规划局', '区住房和城乡建设局', '区生态环境分局'][i % 4]!,
    dueDate: '2026-12-31',
  }));
  const times: number[] = [];
  let pages = 0;
  for (let i = 0; i < samples; i++) {
    const t = performance.now();
    const r = await issueDocument(db, secrets, SYSTEM_ACTOR, {
      subjectType: 'bench',
      subjectId: `minutes-${i}`,
      kind: 'minutes',
      issuerUnitId: Number(center.id),
      numbered: true,
      sealed: true,
      issuedOn: '2026-11-26',
      build: (number) =>
        meetingMinutes({
          issuerMark: '嘉兴市南湖区行政审批局',
          minutesMark: '南湖区工程建设项目审批协调会议纪要',
          signatureName: '嘉兴市南湖区行政审批局',
          number: number ?? undefined,
          date: '2026-11-26',
          title: '关于南湖智能装备项目审批协调有关问题的会议纪要',
          meetingDate: '2026-11-25',
          place: '区行政审批局三楼会议室',
          chair: '区政府副区长 周强',
          summary: [
            '2026年11月25日，区政府副区长周强主持召开专题协调会，研究南湖智能装备项目审批中的有关问题。会议纪要如下：',
          ],
          decisions,
          present: [
            '区行政审批局 王磊',
            '区发展和改革局 刘洋',
            '区自然资源和规划局 郑凯',
            '区住房和城乡建设局 孙伟',
          ],
          copyTo: ['区人民政府办公室', '区效能督查室'],
          printedBy: { unit: '嘉兴市南湖区行政审批局', date: '2026-11-26' },
        }),
    });
    times.push(performance.now() - t);
    if (i === 0) {
      const blob = await db
        .selectFrom('blob')
        .select('content')
        .where('hash', '=', r.pdfHash)
        .executeTakeFirstOrThrow();
      pages = (
        Buffer.from(blob.content)
          .toString('latin1')
          .match(/\/Type\s*\/Page[^s]/g) ?? []
      ).length;
    }
  }
  times.sort((a, b) => a - b);
  console.log(
    `\n### 公文出具（会议纪要 ${pages} 页：编号 + PDF/DOCX 排版 + SM2 用印 + 存储，${samples} 次）`,
  );
  console.log(
    `p50 ${times[Math.floor(times.length / 2)]!.toFixed(0)} ms，最慢 ${times.at(-1)!.toFixed(0)} ms（首次含字体加载）`,
  );
}
