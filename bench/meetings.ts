// Meetings: issuing minutes with ten decisions through the API (number, render PDF and DOCX, seal,
// store, ten time limits, notices, in one transaction), and the meeting calendar of a whole year
// beside the same query raw.
import { sql } from 'kysely';
import type { Database } from '../server/db/client.ts';
import { DEMO_PASSWORD } from '../server/demo/seed.ts';
import type { App } from '../server/platform/http/app.ts';

const p = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * q) / 100))]!;

async function cookieOf(app: App, username: string) {
  const r = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: DEMO_PASSWORD },
  });
  return String(r.headers['set-cookie']).split(';')[0]!;
}

export async function benchMeetings(app: App, database: Database, samples: number, yearMeetings: number) {
  const db = database.db;
  const coord = await cookieOf(app, 'nanhu.coord');
  const leader = await cookieOf(app, 'nanhu.leader');
  const units = await db
    .selectFrom('unit')
    .select('id')
    .where('region_code', '=', '330402')
    .where('kind', '=', 'department')
    .orderBy('id')
    .execute();
  const depts = units.slice(0, 5).map((u) => Number(u.id));
  const call = async (
    cookie: string,
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    payload?: unknown,
    etag?: string,
  ) => {
    const r = await app.inject({
      method,
      url,
      payload: payload as Record<string, unknown>,
      headers: { cookie, ...(etag ? { 'if-match': etag } : {}) },
    });
    if (r.statusCode >= 300) throw new Error(`${method} ${url}: ${r.body}`);
    return { body: r.json(), etag: String(r.headers.etag) };
  };
  const starts = new Date(Date.now() + 14 * 86_400_000).toISOString();

  const issueTimes: number[] = [];
  for (let i = 0; i < samples; i++) {
    let m = await call(coord, 'POST', '/api/meetings', {
      kind: 'special',
      title: `基准测试专题协调会 ${i + 1}`,
      startsAt: starts,
      place: '会议室',
      chair: '分管领导 周强',
      urgent: true,
      topics: [{ title: '基准议题', requestId: null }],
      inviteeUnitIds: depts,
    });
    const id = m.body.id as number;
    // A special meeting's agenda is approved by the leader before its notice.
    m = await call(leader, 'POST', `/api/meetings/${id}/agenda/approve`, {}, m.etag);
    m = await call(coord, 'POST', `/api/meetings/${id}/convene`, undefined, m.etag);
    await db
      .updateTable('meeting')
      .set({ starts_at: new Date(Date.now() - 60_000) })
      .where('id', '=', id)
      .execute();
    m = await call(coord, 'GET', `/api/meetings/${id}`);
    m = await call(
      coord,
      'PUT',
      `/api/meetings/${id}/record`,
      {
        attendance: depts.map((unitId) => ({ unitId, attendance: 'present', attendee: '参会人员' })),
        discussions: [],
        decisions: Array.from({ length: 10 }, (_, k) => ({
          content: `议定事项第 ${k + 1} 项：限期完成有关审批手续`,
          ownerUnitId: depts[k % depts.length],
          coOwnerUnitIds: [],
          dueDays: 5 + k,
        })),
      },
      m.etag,
    );
    m = await call(
      coord,
      'PUT',
      `/api/meetings/${id}/minutes`,
      { summary: '会议研究了基准测试议题，形成如下议定事项。' },
      m.etag,
    );
    m = await call(leader, 'POST', `/api/meetings/${id}/minutes/approve`, undefined, m.etag);
    const t = performance.now();
    await call(coord, 'POST', `/api/meetings/${id}/minutes/issue`, undefined, m.etag);
    issueTimes.push(performance.now() - t);
  }

  // A year of meetings of the region, spread over its days, for the calendar.
  const year = new Date().getFullYear();
  const center = await db
    .selectFrom('unit')
    .select('id')
    .where('region_code', '=', '330402')
    .where('kind', '=', 'center')
    .executeTakeFirstOrThrow();
  const creator = await db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', 'nanhu.coord')
    .executeTakeFirstOrThrow();
  await sql`insert into meeting (region_code, center_unit_id, kind, state, title, starts_at, place, chair, created_by)
    select '330402', ${center.id}, (array['special','regular','joint'])[1 + g % 3], 'minutes_issued',
      '基准会议 ' || g, make_timestamptz(${year}, 1, 1, 9, 0, 0, 'Asia/Shanghai') + (g % 365) * interval '1 day',
      '会议室', '主持人', ${creator.id}
    from generate_series(1, ${yearMeetings}) g`.execute(db);
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const calTimes: number[] = [];
  let rows = 0;
  for (let i = 0; i < 30; i++) {
    const t = performance.now();
    const r = await call(coord, 'GET', `/api/meetings?from=${from}&to=${to}`);
    calTimes.push(performance.now() - t);
    rows = r.body.items.length;
  }
  const rawTimes: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t = performance.now();
    await sql`select m.*, cu.name from meeting m join unit cu on cu.id = m.center_unit_id
      where m.starts_at >= ${new Date(`${from}T00:00:00+08:00`)} and m.starts_at < ${new Date(`${year + 1}-01-01T00:00:00+08:00`)}
        and m.center_unit_id = ${center.id} order by m.starts_at, m.id limit 1000`.execute(db);
    rawTimes.push(performance.now() - t);
  }
  console.log(`\n### 会议（${samples} 次印发纪要，每次 10 项议定事项；日历 ${yearMeetings} 场/年）`);
  console.log('| 测量 | p50 ms | p99 ms |');
  console.log('| --- | ---: | ---: |');
  console.log(
    `| 印发纪要（编号、PDF 与 DOCX、盖章、10 项时限、通知） | ${p(issueTimes, 50).toFixed(0)} | ${p(issueTimes, 99).toFixed(0)} |`,
  );
  console.log(
    `| 会议日历一年（API，返回 ${rows} 场） | ${p(calTimes, 50).toFixed(1)} | ${p(calTimes, 99).toFixed(1)} |`,
  );
  console.log(`| 同一范围原生 SQL | ${p(rawTimes, 50).toFixed(1)} | ${p(rawTimes, 99).toFixed(1)} |`);
}
