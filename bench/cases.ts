// Cases at scale (issue "Catalog and cases"): load N cases, then measure the department-queue API
// at 1 and 16 concurrent clients beside the very same SQL run raw, and case creation through the API
// beside the same rows inserted by a raw-SQL transaction.
import { sql } from 'kysely';
import { todayIn } from '../lib/dates.ts';
import type { Database } from '../server/db/client.ts';
import { transaction } from '../server/db/client.ts';
import { countCapped } from '../server/db/paging.ts';
import { DEMO_PASSWORD } from '../server/demo/seed.ts';
import { caseCountBase, casesQuery } from '../server/modules/cases/cases.repo.ts';
import { scopeFor } from '../server/platform/access/scope.ts';
import { principalFromToken } from '../server/platform/auth/sessions.ts';
import type { App } from '../server/platform/http/app.ts';
import { searchTokens } from '../server/platform/search/tokens.ts';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

/** Runs `fn` `n` times over `clients` concurrent loops; returns each call's latency in ms. */
async function latencies(n: number, clients: number, fn: () => Promise<void>): Promise<number[]> {
  const out: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next++ < n) {
        const t = performance.now();
        await fn();
        out.push(performance.now() - t);
      }
    }),
  );
  return out;
}

async function cookieOf(app: App, username: string) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: DEMO_PASSWORD },
  });
  return String(res.headers['set-cookie']).split(';')[0]!;
}

/**
 * Bulk-loads `count` cases over every item of the three demo regions: every 50th in review (with its
 * deadline, due dates spread so that red, yellow and green all occur), the rest archived.
 */
export async function load(database: Database, count: number) {
  const db = database.db;
  const items = await db
    .selectFrom('service_item as i')
    .select(['i.id', 'i.current_version_id', 'i.department_id', 'i.region_code'])
    .orderBy('i.id')
    .execute();
  const itemIds = items.map((i) => Number(i.id));
  const versionIds = items.map((i) => Number(i.current_version_id));
  const deptIds = items.map((i) => Number(i.department_id));
  const regions = items.map((i) => i.region_code);
  const n = items.length;
  const batch = 100_000;
  const t = performance.now();
  for (let from = 1; from <= count; from += batch) {
    const to = Math.min(count, from + batch - 1);
    await transaction(db, async (trx) => {
      await sql`
        insert into deadline (subject_type, subject_id, kind, title, region_code, unit_id, start_date, limit_days,
          due_date, yellow_from, calendar_revision)
        select 'bench-case', g::text, 'promised', '基准办件 ' || g, (${regions}::text[])[1 + g % ${n}],
          (${deptIds}::bigint[])[1 + g % ${n}], current_date - (g % 15), 10,
          current_date + (g % 30) - 12, current_date + (g % 30) - 16, 1
        from generate_series(${from}::int, ${to}::int) g where g % 50 = 0`.execute(trx);
      await sql`
        insert into service_case (number, region_code, item_id, item_version_id, department_id, channel, state,
          applicant_name, applicant_id_type, applicant_id_number, contact_name, contact_phone, project_name,
          submitted_at, accepted_at, deadline_id, promised_due, yellow_from, review_level, search_text, search)
        select 'BENCH-' || g, (${regions}::text[])[1 + g % ${n}], (${itemIds}::bigint[])[1 + g % ${n}], (${versionIds}::bigint[])[1 + g % ${n}],
          (${deptIds}::bigint[])[1 + g % ${n}], case when g % 3 = 0 then 'online' else 'window' end,
          case when g % 50 = 0 then 'in_review' else 'archived' end,
          '基准企业' || (g % 5000) || '有限公司', 'uscc', '91330402MA2B8K3P51', '联系人', '13900000000',
          '基准项目' || (g % 20000),
          now() - make_interval(days => g % 365), now() - make_interval(days => g % 365),
          dl.id, dl.due_date, dl.yellow_from, case when g % 50 = 0 then 1 else 0 end,
          'BENCH-' || g || ' 基准企业' || (g % 5000) || '有限公司 基准项目' || (g % 20000),
          to_tsvector('simple', '基准 企业 有限公司 基准 项目 ' || g)
        from generate_series(${from}::int, ${to}::int) g
        left join deadline dl on dl.subject_type = 'bench-case' and dl.subject_id = g::text`.execute(trx);
    });
    process.stdout.write(`\r  载入办件 ${to.toLocaleString('zh-CN')} / ${count.toLocaleString('zh-CN')}`);
  }
  // What autovacuum does on a live database: statistics, and the visibility map for index-only scans.
  await sql`vacuum analyze service_case`.execute(db);
  await sql`vacuum analyze deadline`.execute(db);
  process.stdout.write('\n');
  return (performance.now() - t) / 1000;
}

export async function benchCases(app: App, database: Database, count: number, creations: number) {
  const loadS = await load(database, count);
  await measure(
    app,
    database,
    creations,
    `${count.toLocaleString('zh-CN')} 件，其中审查中 ${Math.floor(count / 50).toLocaleString('zh-CN')} 件，分布在三个区划的全部事项；载入 ${loadS.toFixed(1)} s`,
  );
}

/** The queue at 1 and 16 clients beside the raw query, and creations beside the raw transaction. */
export async function measure(app: App, database: Database, creations: number, loaded: string) {
  const db = database.db;
  const officer = await cookieOf(app, 'nanhu.officer');
  const clerk = await cookieOf(app, 'nanhu.clerk');

  // The department queue through the API, and the same compiled SQL raw.
  const queue = async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/cases?view=queue&limit=50',
      headers: { cookie: officer },
    });
    if (res.statusCode !== 200) throw new Error(res.body);
  };
  const principal = await principalFromToken(db, decodeURIComponent(officer.split('=')[1]!), 60 * 24);
  const reader = { kind: 'staff', scope: scopeFor(principal, 'case:read') } as const;
  const filter = { states: ['in_review' as const], order: 'queue' as const };
  const compiled = casesQuery(db, reader, filter, todayIn(), { limit: 50 }).compile();
  // The API also counts the queue (up to the cap) for the table's total: so does the baseline.
  const counted = () => countCapped(db, caseCountBase(db, reader, filter, todayIn()));
  const raw = async () => {
    await db.executeQuery(compiled);
    await counted();
  };
  const rows = (await db.executeQuery(compiled)).rows.length;
  await latencies(50, 1, queue); // warm-up
  const api1 = await latencies(300, 1, queue);
  const api16 = await latencies(800, 16, queue);
  const raw1 = await latencies(300, 1, raw);

  // Case creation: POST /api/cases (case, materials, step, search tokens, audit) vs the same rows raw.
  const version = (
    await app.inject({ method: 'GET', url: '/api/catalog/items?region=330402&limit=1' })
  ).json().items[0];
  const detail = (
    await app.inject({ method: 'GET', url: `/api/catalog/versions/${version.versionId}` })
  ).json();
  const body = {
    itemVersionId: detail.id,
    applicant: { name: '基准测试企业有限公司', idType: 'uscc', idNumber: '91330402MA2B8K3P51' },
    contact: { name: '测试', phone: '13900000000' },
    project: { code: '2611-330402-04-01-000001', name: '基准项目' },
    materials: detail.materials.map((m: { id: number }) => ({ materialId: m.id, paperChecked: true })),
  };
  const create = async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { cookie: clerk },
      payload: body,
    });
    if (res.statusCode !== 201) throw new Error(res.body);
  };
  // The raw transaction writes the same rows with the same content (the day's number counter, search
  // text and tokens included: the GIN indexes cost the same), without HTTP, validation, scope checks
  // or the service layer.
  const run = Date.now().toString(36);
  const materials = (detail.materials as { id: number }[]).map((m) => m.id);
  let n = 0;
  const rawCreate = async () => {
    const i = n++;
    const text = `RAW-${run}-${i} ${body.applicant.name} ${body.project.name} ${body.project.code} ${detail.name}`;
    const tokens = searchTokens(text).join(' ');
    await transaction(db, async (trx) => {
      await sql`insert into case_counter (region_code, day, last_number) values ('330402', current_date, 1)
        on conflict (region_code, day) do update set last_number = case_counter.last_number + 1`.execute(trx);
      const c = await sql<{ id: number }>`
        insert into service_case (number, region_code, item_id, item_version_id, department_id, channel, state,
          applicant_name, applicant_id_type, applicant_id_number, contact_name, contact_phone, project_code,
          project_name, search_text, search)
        values (${`RAW-${run}-${i}`}, '330402', ${version.id}, ${detail.id}, ${detail.departmentId}, 'window', 'submitted',
          '基准测试企业有限公司', 'uscc', '91330402MA2B8K3P51', '测试', '13900000000', ${body.project.code},
          ${body.project.name}, ${text}, to_tsvector('simple', ${tokens}))
        returning id`.execute(trx);
      const id = c.rows[0]!.id;
      await sql`insert into case_material (case_id, material_id, status)
        select ${id}, m, 'provided' from unnest(${materials}::bigint[]) m`.execute(trx);
      await sql`insert into case_step (case_id, name, event, action, to_state) values (${id}, '窗口收件', 'submit', 'other', 'submitted')`.execute(
        trx,
      );
      await sql`insert into audit_event (actor_kind, actor_id, action, target_type, target_id, outcome, summary)
        values ('staff', 1, 'case.submit', 'case', ${String(id)}, 'success', '{}')`.execute(trx);
    });
  };
  // Both paths warm up alike (JIT, plans, pool) to a steady rate before they are timed.
  for (let i = 0; i < 150; i++) {
    await create();
    await rawCreate();
  }
  // Alternating blocks: both paths see the same machine noise, so the ratio holds even when the
  // absolute rates drift.
  const spent = { api: 0, raw: 0 };
  const block = 30;
  for (let done = 0; done < creations; done += block) {
    for (const [path, fn] of [
      ['api', create],
      ['raw', rawCreate],
    ] as const) {
      const t = performance.now();
      for (let i = done; i < Math.min(creations, done + block); i++) await fn();
      spent[path] += performance.now() - t;
    }
  }
  const apiRate = creations / (spent.api / 1000);
  const rawRate = creations / (spent.raw / 1000);

  const f = (x: number) => x.toFixed(1);
  console.log(`\n### 办件（${loaded}）`);
  console.log(`部门待审队列（发改，每页 50 行，实返 ${rows} 行）：`);
  console.log('| 测量 | p50 ms | p99 ms | p50 ÷ 原生 p50 |');
  console.log('| --- | ---: | ---: | ---: |');
  console.log(`| 原生 SQL（同一条编译后的查询） | ${f(pct(raw1, 50))} | ${f(pct(raw1, 99))} | 1.0 |`);
  console.log(
    `| API，1 个客户端 | ${f(pct(api1, 50))} | ${f(pct(api1, 99))} | ${(pct(api1, 50) / pct(raw1, 50)).toFixed(1)} |`,
  );
  console.log(
    `| API，16 个并发客户端 | ${f(pct(api16, 50))} | ${f(pct(api16, 99))} | ${(pct(api16, 50) / pct(raw1, 50)).toFixed(1)} |`,
  );
  console.log(
    `办件创建（${creations} 件，顺序）：API ${apiRate.toFixed(0)} 件/s（办件、材料、环节、分词检索、审计），原生 SQL 事务 ${rawRate.toFixed(0)} 件/s，比值 ${(apiRate / rawRate).toFixed(2)}`,
  );
}
