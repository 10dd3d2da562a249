import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../lib/dates.ts';
import { type TestApp, testApp } from '../../../test/app.ts';
import { FACTORY_PASSWORD, makeUnit, makeUser } from '../../../test/factories.ts';
import { transaction } from '../../db/client.ts';
import { enqueue, JobWorker } from '../../platform/jobs/jobs.ts';
import { COMMITMENT_SWEEP_JOB, defineCaseJobs } from './cases.jobs.ts';
import { sweepCommitments } from './commitments.service.ts';

// The tolerant-acceptance commitment sweep (R-TOL-1) on cases built through the API. Dates are
// derived from the committed date the API accepted, never from the day the test runs.
let t: TestApp;
let clerk: string;
let worker: JobWorker;

// biome-ignore lint/suspicious/noExplicitAny: API responses are checked field by field
type Json = Record<string, any>;

beforeAll(async () => {
  t = await testApp();
  clerk = await t.login('nanhu.clerk');
  worker = new JobWorker(t.database.db);
  defineCaseJobs(worker, []);
});
afterAll(() => t.close());

async function call(method: 'GET' | 'POST', url: string, payload?: unknown, headers: Json = {}) {
  return t.app.inject({ method, url, payload: payload as Json, headers: { cookie: clerk, ...headers } });
}

const ITEM = '建筑工程施工许可证核发';
const MISSING = '施工合同';

/** Window intake with every paper original checked except the named ones. */
async function intake(except: string[] = [], agentId?: number) {
  const list = (await call('GET', '/api/catalog/items?region=330402&limit=100')).json().items as Json[];
  const item = list.find((i) => i.name === ITEM)!;
  const v = (await call('GET', `/api/catalog/versions/${item.versionId}`)).json() as Json;
  const res = await call('POST', '/api/cases', {
    itemVersionId: v.id,
    applicant: { name: '嘉兴南湖智能装备有限公司', idType: 'uscc', idNumber: '91330402MA2B8K3P51' },
    contact: { name: '钱志远', phone: '13905730001' },
    project: { code: '2611-330402-04-01-123456', name: '年产5万台工业机器人项目' },
    materials: v.materials
      .filter((m: Json) => !except.includes(m.name))
      .map((m: Json) => ({ materialId: m.id, paperChecked: true })),
    ...(agentId ? { agentId } : {}),
  });
  expect(res.statusCode, res.body).toBe(201);
  return (await call('GET', `/api/cases/${res.json().id}`)).json() as Json;
}

async function act(id: number, path: string, body?: unknown) {
  const cur = await call('GET', `/api/cases/${id}`);
  const res = await call('POST', `/api/cases/${id}/${path}`, body, { 'if-match': cur.headers.etag });
  expect(res.statusCode, `${path}: ${res.body}`).toBe(200);
  return res.json() as Json;
}

/** A case tolerantly accepted with 施工合同 missing, committed for `date`. */
async function tolerated(date: string, agentId?: number) {
  const c = await intake([MISSING], agentId);
  const m = c.materials.find((x: Json) => x.name === MISSING);
  const ok = await act(c.id, 'accept-tolerantly', {
    commitments: [{ materialId: m.materialId, committedDate: date }],
    commitmentSigned: true,
  });
  expect(ok.state).toBe('tolerantly_accepted');
  return ok;
}

const materialOf = async (caseId: number) =>
  t.database.db
    .selectFrom('case_material as cm')
    .innerJoin('item_material as m', 'm.id', 'cm.material_id')
    .select(['cm.id', 'cm.reminded_at', 'cm.breached_at', 'cm.fulfilled_at'])
    .where('cm.case_id', '=', caseId)
    .where('m.name', '=', MISSING)
    .executeTakeFirstOrThrow();

const notificationsOf = (caseId: number) =>
  t.database.db
    .selectFrom('notification')
    .select(['user_id', 'kind', 'title', 'body', 'link'])
    .where('link', '=', `/cases/${caseId}`)
    .where('kind', 'like', 'case.commitment.%')
    .orderBy('id')
    .execute();

const auditsOf = (caseId: number, action: string) =>
  t.database.db
    .selectFrom('audit_event')
    .select(['actor_kind', 'summary'])
    .where('action', '=', action)
    .where('target_type', '=', 'case')
    .where('target_id', '=', String(caseId))
    .execute();

/** Enabled users of a unit, or only those holding one of `roles`. */
const usersOf = async (unitName: string, roles?: string[]) =>
  (
    await t.database.db
      .selectFrom('app_user as u')
      .innerJoin('unit as un', 'un.id', 'u.unit_id')
      .select('u.id')
      .distinct()
      .where('un.name', '=', unitName)
      .where('u.enabled', '=', true)
      .$if(roles !== undefined, (q) =>
        q.where('u.id', 'in', (eb) =>
          eb.selectFrom('role_assignment').select('user_id').where('role', 'in', roles!),
        ),
      )
      .execute()
  )
    .map((r) => Number(r.id))
    .sort((a, b) => a - b);

/** Runs the sweep as the worker would: an enqueued job with the given `on`. */
async function runJob(on: string) {
  await enqueue(t.database.db, COMMITMENT_SWEEP_JOB, { on }, { dedupeKey: `test-${on}-${Math.random()}` });
  expect(await worker.runDue()).toBe(1);
  const last = await t.database.db
    .selectFrom('job')
    .select(['status', 'last_error'])
    .where('kind', '=', COMMITMENT_SWEEP_JOB)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  expect(last).toMatchObject({ status: 'done', last_error: null });
}

describe('容缺受理承诺 sweep (R-TOL-1)', () => {
  let committed: string;
  let open: Json;
  let kept: Json;
  let windowUsers: number[];
  let deptUsers: number[];
  let agent: number;
  let agentName: string;
  let demoAgent: number;

  beforeAll(async () => {
    // An agent of a town service station: told only because it represents the case.
    const station = await makeUnit(t.database.db, { kind: 'town', name: '南湖区七星街道便民服务中心' });
    const user = await makeUser(t.database.db, { unitId: Number(station.id), role: 'agent', scope: 'self' });
    agent = Number(user.id);
    agentName = user.username;
    // The committed date must fall after acceptance and by the promised due date: learn that
    // due date from a fully accepted case of the same item.
    const probe = await intake();
    committed = (await act(probe.id, 'accept')).dueDate as string;
    open = await tolerated(committed, agent);
    kept = await tolerated(committed, agent);
    // 住建 has no demo staff: give it an officer so the department can be told.
    const jsj = await t.database.db
      .selectFrom('unit')
      .select('id')
      .where('name', '=', '南湖区住房和城乡建设局')
      .executeTakeFirstOrThrow();
    await t.database.db
      .updateTable('app_user')
      .set({ unit_id: jsj.id })
      .where('username', '=', 'nanhu.officer')
      .execute();
    // The window staff of the center, not everyone there (the demo agent works at the center too).
    windowUsers = await usersOf('南湖区行政审批局', ['window_clerk']);
    demoAgent = Number(
      (
        await t.database.db
          .selectFrom('app_user')
          .select('id')
          .where('username', '=', 'nanhu.agent')
          .executeTakeFirstOrThrow()
      ).id,
    );
    deptUsers = await usersOf('南湖区住房和城乡建设局');
    expect(windowUsers.length).toBeGreaterThan(0);
    expect(deptUsers.length).toBeGreaterThan(0);
    // The second applicant hands the contract in: it is never reminded nor flagged.
    const m = kept.materials.find((x: Json) => x.name === MISSING);
    const res = await call('POST', `/api/cases/${kept.id}/materials/${m.id}/fulfil`, {});
    expect(res.statusCode, res.body).toBe(200);
  });

  it('lists the cases still waiting for a material, with the committed date, for the window', async () => {
    const page = (await call('GET', '/api/cases?view=commitments')).json();
    const list = page.items as Json[];
    // Nearest committed date first, on one page.
    const dues = list.map((c) => c.commitmentDue as string);
    expect(dues).toEqual([...dues].sort());
    expect(page.nextAfter).toBeNull();
    expect(list.find((c) => c.id === open.id)?.commitmentDue).toBe(committed);
    expect(list.map((c) => c.id)).not.toContain(kept.id);
    // Every listed case still waits for a tolerated material.
    const waiting = await t.database.db
      .selectFrom('case_material')
      .select('case_id')
      .where('status', '=', 'tolerated')
      .where('fulfilled_at', 'is', null)
      .execute();
    expect(list.every((c) => waiting.some((w) => Number(w.case_id) === c.id))).toBe(true);
    // The agent follows the same cases through its own scope.
    const station = await t.login(agentName, 'staff', FACTORY_PASSWORD);
    const mine = await t.app.inject({
      method: 'GET',
      url: '/api/cases?view=commitments',
      headers: { cookie: station },
    });
    expect(mine.json().items.map((c: Json) => c.id)).toEqual([open.id]);
  });

  it('is quiet while the committed date is more than two working days away', async () => {
    await runJob(addDays(committed, -20));
    expect(await notificationsOf(open.id)).toEqual([]);
    expect((await materialOf(open.id)).reminded_at).toBeNull();
  });

  it('reminds the window and the agent once when the committed date is near', async () => {
    await runJob(addDays(committed, -1));
    const sent = await notificationsOf(open.id);
    expect(sent.map((n) => Number(n.user_id)).sort((a, b) => a - b)).toEqual(
      [...windowUsers, agent].sort((a, b) => a - b),
    );
    expect(sent.map((n) => Number(n.user_id))).not.toContain(demoAgent);
    expect(sent[0]).toMatchObject({
      kind: 'case.commitment.due',
      title: `容缺材料即将到期：${MISSING}（${open.number} 嘉兴南湖智能装备有限公司）`,
      link: `/cases/${open.id}`,
    });
    expect(sent[0]!.body).toContain(committed);
    expect((await materialOf(open.id)).reminded_at).not.toBeNull();
    expect((await materialOf(open.id)).breached_at).toBeNull();
    expect(await auditsOf(open.id, 'case.commitment.remind')).toHaveLength(1);

    // A second run on the same day writes nothing new.
    await runJob(addDays(committed, -1));
    expect(await notificationsOf(open.id)).toHaveLength(sent.length);
    expect(await auditsOf(open.id, 'case.commitment.remind')).toHaveLength(1);
  });

  it('flags a missed commitment to the window, the department and the agent, audited with a credit-record proposal', async () => {
    await runJob(addDays(committed, 1));
    const breach = (await notificationsOf(open.id)).filter((n) => n.kind === 'case.commitment.breach');
    expect(breach.map((n) => Number(n.user_id)).sort((a, b) => a - b)).toEqual(
      [...new Set([...windowUsers, ...deptUsers, agent])].sort((a, b) => a - b),
    );
    for (const n of breach) {
      expect(n.title).toBe(`容缺承诺逾期：${MISSING}（${open.number} 嘉兴南湖智能装备有限公司）`);
      expect(n.body).toContain('建议记入诚信不良记录（承诺未履行）');
      expect(n.link).toBe(`/cases/${open.id}`);
    }
    expect((await materialOf(open.id)).breached_at).not.toBeNull();

    const audits = await auditsOf(open.id, 'case.commitment.breach');
    expect(audits).toHaveLength(1);
    expect(audits[0]!.actor_kind).toBe('system');
    expect(audits[0]!.summary).toMatchObject({
      number: open.number,
      material: MISSING,
      committedDate: committed,
      creditRecordProposed: true,
    });

    // The case shows the breach in its timeline and on the material.
    const detail = (await call('GET', `/api/cases/${open.id}`)).json() as Json;
    expect(detail.materials.find((m: Json) => m.name === MISSING).breachedAt).not.toBeNull();
    expect(detail.steps.at(-1)).toMatchObject({ event: 'breach', name: `容缺承诺逾期：${MISSING}` });

    // Re-runs (the next minute, the next day) create nothing.
    const before = (await notificationsOf(open.id)).length;
    await runJob(addDays(committed, 1));
    const again = await transaction(t.database.db, (trx) => sweepCommitments(trx, addDays(committed, 2)));
    expect(again).toEqual({ reminded: 0, breached: 0, notifications: 0 });
    expect(await notificationsOf(open.id)).toHaveLength(before);
    expect(await auditsOf(open.id, 'case.commitment.breach')).toHaveLength(1);
  });

  it('never reminds about or flags a fulfilled commitment', async () => {
    const m = await materialOf(kept.id);
    expect(m.fulfilled_at).not.toBeNull();
    expect(m.reminded_at).toBeNull();
    expect(m.breached_at).toBeNull();
    expect(await notificationsOf(kept.id)).toEqual([]);
    expect(await auditsOf(kept.id, 'case.commitment.breach')).toEqual([]);
  });
});
