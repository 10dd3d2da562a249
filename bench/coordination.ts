// Coordination: the cost of sending written consultations (one numbered, sealed letter per
// department, each with its deadline, in one transaction) through the API, beside issuing the same
// three letters directly; and the board / list reads once many requests exist.
import { sql } from 'kysely';
import { todayIn } from '../lib/dates.ts';
import type { Database } from '../server/db/client.ts';
import { DEMO_PASSWORD } from '../server/demo/seed.ts';
import { issueDocument } from '../server/modules/documents/documents.service.ts';
import { SYSTEM_ACTOR } from '../server/platform/audit/audit.ts';
import type { SecretBox } from '../server/platform/crypto/secrets.ts';
import { consultationLetter } from '../server/platform/documents/templates.ts';
import type { App } from '../server/platform/http/app.ts';

const p = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * q) / 100))]!;

async function cookieOf(app: App, username: string) {
  const r = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: {
      username,
      password: DEMO_PASSWORD,
      kind: username.startsWith('ent.') ? 'enterprise' : 'staff',
    },
  });
  return String(r.headers['set-cookie']).split(';')[0]!;
}

export async function benchCoordination(
  app: App,
  database: Database,
  secrets: SecretBox,
  samples: number,
  load: number,
) {
  const db = database.db;
  const ent = await cookieOf(app, 'ent.zhineng');
  const coord = await cookieOf(app, 'nanhu.coord');
  const units = await db
    .selectFrom('unit')
    .select(['id', 'name'])
    .where('region_code', '=', '330402')
    .where('kind', '=', 'department')
    .execute();
  const depts = ['南湖区发展和改革局', '南湖区自然资源和规划局', '南湖区住房和城乡建设局'].map((n) =>
    Number(units.find((u) => u.name === n)!.id),
  );
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

  const apiTimes: number[] = [];
  for (let i = 0; i < samples; i++) {
    const file = await app.inject({
      method: 'POST',
      url: '/api/portal/coordination/files?fileName=a.pdf',
      headers: { cookie: ent, 'content-type': 'application/octet-stream' },
      payload: pdf,
    });
    const created = await app.inject({
      method: 'POST',
      url: '/api/portal/coordination',
      headers: { cookie: ent },
      payload: {
        source: 'enterprise',
        projectName: `基准项目${i}`,
        overview: '基准测试项目概况。',
        problem: '规划许可与施工图审查互为前置。',
        positions: [{ department: '自然资源和规划局', position: '须先完成施工图审查。' }],
        proposal: '并联办理。',
        contactName: '钱志远',
        contactPhone: '13905730001',
        fileIds: [file.json().id],
      },
    });
    const id = created.json().id;
    const t = performance.now();
    const res = await app.inject({
      method: 'POST',
      url: `/api/coordination/${id}/consult`,
      headers: { cookie: coord, 'if-match': '"1"' },
      payload: { matters: [{ title: '办理时序', complexity: 'simple', departmentIds: depts }] },
    });
    apiTimes.push(performance.now() - t);
    if (res.statusCode !== 200) throw new Error(`consult failed: ${res.statusCode} ${res.body}`);
  }

  const center = await db
    .selectFrom('unit')
    .select('id')
    .where('name', '=', '南湖区行政审批局')
    .executeTakeFirstOrThrow();
  const rawTimes: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t = performance.now();
    for (let d = 0; d < 3; d++) {
      await issueDocument(db, secrets, SYSTEM_ACTOR, {
        subjectType: 'bench-consultation',
        subjectId: `${i}-${d}`,
        kind: 'consultation_letter',
        issuerUnitId: Number(center.id),
        numbered: true,
        sealed: true,
        build: (number) =>
          consultationLetter({
            issuerMark: '南湖区行政审批局',
            signatureName: '南湖区行政审批局',
            number: number!,
            date: todayIn(),
            addressee: '南湖区自然资源和规划局',
            project: { name: `基准项目${i}` },
            matter: '审批服务协调',
            questions: ['办理时序'],
            replyBy: todayIn(),
          }),
      });
    }
    rawTimes.push(performance.now() - t);
  }

  // Many requests: copies of the last consulted one, then the board and the first list page.
  await sql`
    insert into coordination_request (number, region_code, center_unit_id, source, enterprise_id, applicant_name,
      project_name, overview, problem, positions, proposal, contact_name, contact_phone, state, level, search, search_text)
    select 'BENCH-' || g, region_code, center_unit_id, source, enterprise_id, applicant_name, project_name || g,
      overview, problem, positions, proposal, contact_name, contact_phone,
      (array['submitted','consulting','tracking','closed'])[1 + g % 4], level, search, search_text
    from coordination_request, generate_series(1, ${load}) g
    where id = (select max(id) from coordination_request where number like 'XT%')`.execute(db);
  const read = async (url: string) => {
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      const r = await app.inject({ method: 'GET', url, headers: { cookie: coord } });
      times.push(performance.now() - t);
      if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode}`);
    }
    return times;
  };
  const boardTimes = await read('/api/coordination/board');
  const listTimes = await read('/api/coordination?open=true&limit=50');

  console.log(`\n### 协调事项（${samples} 次；另造 ${load} 件协调事项后读看板与列表）`);
  console.log('| 测量 | p50 ms | p99 ms | 对照 p50 ms | 比值 |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  console.log(
    `| 分办并征询 3 个部门（API：3 份编号盖章征询函 + 3 个答复时限 + 时间线 + 审计，一个事务） | ${p(apiTimes, 50).toFixed(0)} | ${p(apiTimes, 99).toFixed(0)} | ${p(rawTimes, 50).toFixed(0)}（直接出具 3 份函） | ${(p(apiTimes, 50) / p(rawTimes, 50)).toFixed(2)} |`,
  );
  console.log(`| 协调看板 | ${p(boardTimes, 50).toFixed(1)} | ${p(boardTimes, 99).toFixed(1)} | | |`);
  console.log(
    `| 在办列表首页（50 条） | ${p(listTimes, 50).toFixed(1)} | ${p(listTimes, 99).toFixed(1)} | | |`,
  );
}
