// `npm run bench`: the raw database rate beside the API's rate for the same logical work, in one
// run, so the ratio is meaningful on a shared, noisy machine. Prints figures; never passes/fails.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../server/config.ts';
import { type Database, openPglite, openPostgres, transaction } from '../server/db/client.ts';
import { prepareDatabase } from '../server/db/prepare.ts';
import { DEMO_PASSWORD, seedDemo } from '../server/demo/seed.ts';
import { modules } from '../server/modules/index.ts';
import { sealAudit, verifyAudit } from '../server/platform/audit/audit.ts';
import { newSecretKey, SecretBox } from '../server/platform/crypto/secrets.ts';
import { buildApp } from '../server/platform/http/app.ts';
import { benchAuditVerify, benchDeadlines, benchDocuments, benchNotificationDelay } from './backbone.ts';
import { benchCases } from './cases.ts';
import { benchCoordination } from './coordination.ts';
import { benchMeetings } from './meetings.ts';

const N = Number(process.env.BENCH_N ?? 2000);
const CONCURRENCY = 8;

async function timed(n: number, fn: (i: number) => Promise<unknown>, concurrency = 1): Promise<number> {
  let next = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) await fn(next++);
    }),
  );
  return n / ((performance.now() - t) / 1000);
}

const fmt = (x: number) => x.toFixed(0).padStart(8);

async function benchDatabase(label: string, database: Database, caseCount: number) {
  const secrets = new SecretBox(newSecretKey());
  await prepareDatabase(database.db, { seed: (db) => seedDemo(db, secrets) });
  const config = loadConfig({ LOG_LEVEL: 'silent', DEMO: '1' });
  const app = await buildApp({ database, config, secrets }, modules);
  await app.ready();
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'nanhu.admin', password: DEMO_PASSWORD },
  });
  const cookie = String(login.headers['set-cookie']).split(';')[0]!;
  const officer = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'nanhu.officer', password: DEMO_PASSWORD },
  });
  const officerCookie = String(officer.headers['set-cookie']).split(';')[0]!;
  const db = database.db;
  const coordination = () =>
    benchCoordination(
      app,
      database,
      secrets,
      Number(process.env.BENCH_COORD ?? 10),
      Number(process.env.BENCH_COORD_LOAD ?? 5000),
    );
  if (process.env.BENCH_ONLY === 'coordination') {
    await coordination();
    await app.close();
    return;
  }
  if (process.env.BENCH_ONLY === 'meetings') {
    await benchMeetings(
      app,
      database,
      Number(process.env.BENCH_MEETINGS ?? 10),
      Number(process.env.BENCH_MEETINGS_YEAR ?? 500),
    );
    await app.close();
    return;
  }
  if (process.env.BENCH_ONLY === 'documents') {
    await benchDocuments(database, secrets, Number(process.env.BENCH_DOCS ?? 10));
    await app.close();
    return;
  }
  if (process.env.BENCH_ONLY === 'cases') {
    await benchCases(app, database, caseCount, Number(process.env.BENCH_CASE_CREATIONS ?? 300));
    await app.close();
    return;
  }
  let k = 0;

  // The same logical work as POST /api/units: insert the unit and its audit row in one transaction.
  const rawCreate = await timed(N, async () => {
    const i = k++;
    await transaction(db, async (trx) => {
      const row = await sql<{ id: number }>`insert into unit (region_code, kind, name)
        values ('330402', 'town', ${`原生SQL单位${i}`}) returning id`.execute(trx);
      await sql`insert into audit_event (actor_kind, actor_id, action, target_type, target_id, outcome, summary)
        values ('staff', 1, 'unit.create', 'unit', ${String(row.rows[0]!.id)}, 'success', '{}')`.execute(trx);
    });
  });
  const apiCreate = await timed(N, async () => {
    const i = k++;
    const res = await app.inject({
      method: 'POST',
      url: '/api/units',
      headers: { cookie },
      payload: { regionCode: '330402', kind: 'town', name: `接口单位${i}` },
    });
    if (res.statusCode !== 201) throw new Error(res.body);
  });
  const apiCreateConc = await timed(
    N,
    async () => {
      const i = k++;
      const res = await app.inject({
        method: 'POST',
        url: '/api/units',
        headers: { cookie },
        payload: { regionCode: '330402', kind: 'town', name: `并发单位${i}` },
      });
      if (res.statusCode !== 201) throw new Error(res.body);
    },
    CONCURRENCY,
  );

  // A scoped list: a department officer's own unit (own_unit scope), the region admin's first page.
  const scopeRegions = ['330402'];
  const rawList = await timed(N, async () => {
    await sql`select id, region_code, kind, name, short_name, enabled, version, created_at, updated_at from unit
      where id in (select u.id from unit u where u.region_code = any(${scopeRegions}::text[]))
      order by id limit 100`.execute(db);
  });
  const apiList = await timed(N, async () => {
    const res = await app.inject({ method: 'GET', url: '/api/units?limit=100', headers: { cookie } });
    if (res.statusCode !== 200) throw new Error(res.body);
  });
  const officerUnit = (
    await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: officerCookie } })
  ).json().unitId as number;
  const rawOwn = await timed(N, async () => {
    await sql`select id, region_code, kind, name, short_name, enabled, version, created_at, updated_at from unit
      where id = any(${[officerUnit]}::bigint[]) order by id limit 100`.execute(db);
  });
  const apiListOfficer = await timed(N, async () => {
    const res = await app.inject({ method: 'GET', url: '/api/units', headers: { cookie: officerCookie } });
    if (res.statusCode !== 200) throw new Error(res.body);
  });

  let t = performance.now();
  const sealed = await sealAudit(db);
  const sealRate = sealed / ((performance.now() - t) / 1000);
  t = performance.now();
  const verified = await verifyAudit(db);
  const verifyRate = verified.checked / ((performance.now() - t) / 1000);

  console.log(`\n## ${label}（每项 ${N} 次）`);
  console.log('| 工作 | 原生 SQL /s | API /s | API ÷ 原生 |');
  console.log('| --- | ---: | ---: | ---: |');
  console.log(
    `| 新建单位 + 审计行（顺序） | ${fmt(rawCreate)} | ${fmt(apiCreate)} | ${(apiCreate / rawCreate).toFixed(2)} |`,
  );
  console.log(
    `| 新建单位 + 审计行（并发 ${CONCURRENCY}） | ${fmt(rawCreate)} | ${fmt(apiCreateConc)} | ${(apiCreateConc / rawCreate).toFixed(2)} |`,
  );
  console.log(
    `| 数据范围内列表（100 行） | ${fmt(rawList)} | ${fmt(apiList)} | ${(apiList / rawList).toFixed(2)} |`,
  );
  console.log(
    `| 部门人员本单位列表（1 行） | ${fmt(rawOwn)} | ${fmt(apiListOfficer)} | ${(apiListOfficer / rawOwn).toFixed(2)} |`,
  );
  console.log(
    `审计链封存 ${fmt(sealRate)} 行/s（${sealed} 行）；校验 ${fmt(verifyRate)} 行/s（${verified.checked} 行，结果 ${verified.ok ? '完整' : '损坏'}）`,
  );
  const me = (
    await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: officerCookie } })
  ).json();
  await benchNotificationDelay(app, database, officerCookie, me.id, Number(process.env.BENCH_NOTIFY ?? 300));
  await benchDocuments(database, secrets, Number(process.env.BENCH_DOCS ?? 10));
  await coordination();
  await benchMeetings(
    app,
    database,
    Number(process.env.BENCH_MEETINGS ?? 10),
    Number(process.env.BENCH_MEETINGS_YEAR ?? 500),
  );
  await benchDeadlines(database, Number(process.env.BENCH_DEADLINES ?? 100_000));
  await benchAuditVerify(database, Number(process.env.BENCH_AUDIT ?? 100_000));
  await benchCases(app, database, caseCount, Number(process.env.BENCH_CASE_CREATIONS ?? 300));
  await app.close();
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xt-bench-'));
console.log(
  `# xietong bench — ${new Date().toISOString()} — ${os.cpus().length} 核, Node ${process.version}`,
);
try {
  const pglite = await openPglite(path.join(dir, 'pg'));
  await benchDatabase(
    'PGlite（嵌入式，磁盘目录）',
    pglite,
    Number(process.env.BENCH_CASES_PGLITE ?? 100_000),
  );
  await pglite.close();
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `xt_bench_${process.pid}`;
    const admin = await openPostgres(url.replace(/\/[^/]*$/, '/postgres'), 1);
    await sql.raw(`create database ${name}`).execute(admin.db);
    try {
      const pg = await openPostgres(url.replace(/\/[^/]*$/, `/${name}`));
      await benchDatabase('PostgreSQL', pg, Number(process.env.BENCH_CASES ?? 1_000_000));
      await pg.close();
    } finally {
      await sql.raw(`drop database if exists ${name}`).execute(admin.db);
      await admin.close();
    }
  } else {
    console.log('\n（设置 DATABASE_URL 可同时测量 PostgreSQL）');
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
