import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.ts';

// The agent (代办员) on a case: named by the window at intake or later, sees the cases it
// represents and nothing else, is told when named. Demo region 南湖区; 秀洲区 has its own agent.
let t: TestApp;
const cookies: Record<string, string> = {};
const as = async (user: string) => (cookies[user] ??= await t.login(user));

// biome-ignore lint/suspicious/noExplicitAny: API responses are checked field by field
type Json = Record<string, any>;
async function call(
  user: string,
  method: 'GET' | 'POST',
  url: string,
  payload?: unknown,
  headers: Json = {},
) {
  return t.app.inject({
    method,
    url,
    payload: payload as Json,
    headers: { cookie: await as(user), ...headers },
  });
}

const userId = async (username: string) =>
  Number(
    (
      await t.database.db
        .selectFrom('app_user')
        .select('id')
        .where('username', '=', username)
        .executeTakeFirstOrThrow()
    ).id,
  );

let version: Json;
let agent: number;
const applicant = { name: '嘉兴南湖智能装备有限公司', idType: 'uscc', idNumber: '91330402MA2B8K3P51' };
const contact = { name: '钱志远', phone: '13905730001' };

const intake = (extra: Json = {}, user = 'nanhu.clerk') =>
  call(user, 'POST', '/api/cases', {
    itemVersionId: version.id,
    applicant,
    contact,
    materials: version.materials.map((m: Json) => ({ materialId: m.id, paperChecked: true })),
    ...extra,
  });

async function assign(user: string, id: number, agentId: number | null, etag?: string) {
  const cur = await call('nanhu.clerk', 'GET', `/api/cases/${id}`);
  return call(user, 'POST', `/api/cases/${id}/agent`, { agentId }, { 'if-match': etag ?? cur.headers.etag });
}

const caseCount = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('service_case')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await testApp();
  const items = (await call('nanhu.clerk', 'GET', '/api/catalog/items?region=330402&limit=100')).json()
    .items as Json[];
  const item = items.find((i) => i.name === '公共场所卫生许可')!;
  version = (await call('nanhu.clerk', 'GET', `/api/catalog/versions/${item.versionId}`)).json();
  agent = await userId('nanhu.agent');
});
afterAll(() => t.close());

describe('代办员 on cases', () => {
  it('lists the region’s agents for the window, and only for regions it serves', async () => {
    const res = await call('nanhu.clerk', 'GET', '/api/cases/agents?region=330402');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([{ id: agent, name: '代办 李娜', unitName: '南湖区行政审批局' }]);
    expect((await call('nanhu.clerk', 'GET', '/api/cases/agents?region=330411')).statusCode).toBe(403);
    expect((await call('nanhu.officer', 'GET', '/api/cases/agents?region=330402')).statusCode).toBe(403);
    const bad = await call('nanhu.clerk', 'GET', '/api/cases/agents?region=abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });

  it('names the agent at intake: the agent is told and sees that case only', async () => {
    const res = await intake({ agentId: agent });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as number;
    const other = (await intake()).json().id as number;

    const detail = (await call('nanhu.clerk', 'GET', `/api/cases/${id}`)).json();
    expect(detail.agent).toEqual({ id: agent, name: '代办 李娜' });
    expect((await call('nanhu.clerk', 'GET', `/api/cases/${other}`)).json().agent).toBeNull();

    expect((await call('nanhu.agent', 'GET', `/api/cases/${id}`)).statusCode).toBe(200);
    expect((await call('nanhu.agent', 'GET', `/api/cases/${other}`)).statusCode).toBe(404);
    // Its list is exactly the cases naming it (the demo has one more, tolerantly accepted).
    const mine = ((await call('nanhu.agent', 'GET', '/api/cases')).json().items as Json[]).map((c) => c.id);
    const named = await t.database.db
      .selectFrom('service_case')
      .select('id')
      .where('agent_id', '=', agent)
      .orderBy('id', 'desc')
      .execute();
    expect(mine).toEqual(named.map((r) => Number(r.id)));
    expect(mine).toContain(id);
    expect(mine).not.toContain(other);
    // Following is not handling: the agent has no action on the case.
    expect((await call('nanhu.agent', 'GET', `/api/cases/${id}`)).json().actions).toEqual([]);

    const told = await t.database.db
      .selectFrom('notification')
      .select(['title', 'link'])
      .where('user_id', '=', agent)
      .where('kind', '=', 'case.agent')
      .where('link', '=', `/cases/${id}`)
      .execute();
    expect(told).toEqual([
      {
        title: `您已被指定为代办员：${res.json().number}（${applicant.name}，公共场所卫生许可）`,
        link: `/cases/${id}`,
      },
    ]);
  });

  it('refuses someone who is not an agent of the region, and writes nothing', async () => {
    const before = await caseCount();
    for (const who of [await userId('nanhu.clerk'), await userId('xiuzhou.agent'), 999999]) {
      const res = await intake({ agentId: who });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors).toEqual([
        { field: 'body.agentId', message: '所选人员不是本区划启用中的代办员' },
      ]);
    }
    expect(await caseCount()).toBe(before);
  });

  it('an enterprise applying online cannot name an agent', async () => {
    const before = await caseCount();
    const online = (await call('nanhu.clerk', 'GET', '/api/catalog/items?region=330402&limit=100')).json()
      .items as Json[];
    const item = online.find((i) => i.online)!;
    const v = (await call('nanhu.clerk', 'GET', `/api/catalog/versions/${item.versionId}`)).json();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/portal/cases',
      headers: { cookie: await t.login('ent.zhineng') },
      payload: { itemVersionId: v.id, contact, materials: [], agentId: agent },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('body.agentId');
    expect(await caseCount()).toBe(before);
  });

  it('the window names, changes and clears the agent later, with a step, an audit row and If-Match', async () => {
    const id = (await intake()).json().id as number;
    const named = await assign('nanhu.clerk', id, agent);
    expect(named.statusCode, named.body).toBe(200);
    expect(named.json().agent).toEqual({ id: agent, name: '代办 李娜' });
    expect(named.json().steps.at(-1)).toMatchObject({ event: 'agent', name: '指定代办员：代办 李娜' });
    expect((await call('nanhu.agent', 'GET', `/api/cases/${id}`)).statusCode).toBe(200);

    // A stale ETag changes nothing.
    const stale = await assign('nanhu.clerk', id, null, '"1"');
    expect(stale.statusCode).toBe(412);
    expect((await call('nanhu.clerk', 'GET', `/api/cases/${id}`)).json().agent).not.toBeNull();

    const cleared = await assign('nanhu.clerk', id, null);
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json().agent).toBeNull();
    expect(cleared.json().steps.at(-1).name).toBe('取消代办员');
    expect((await call('nanhu.agent', 'GET', `/api/cases/${id}`)).statusCode).toBe(404);

    const audits = await t.database.db
      .selectFrom('audit_event')
      .select('summary')
      .where('action', '=', 'case.agent')
      .where('target_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(audits.map((a) => a.summary)).toEqual([
      expect.objectContaining({ from: null, to: agent }),
      expect.objectContaining({ from: agent, to: null }),
    ]);
  });

  it('only the window names agents, and not on a closed case', async () => {
    const id = (await intake()).json().id as number;
    expect((await assign('nanhu.officer', id, agent)).statusCode).toBe(403);
    expect((await assign('nanhu.agent', id, agent)).statusCode).toBe(403);
    const cur = await call('nanhu.clerk', 'GET', `/api/cases/${id}`);
    const withdrawn = await call(
      'nanhu.clerk',
      'POST',
      `/api/cases/${id}/withdraw`,
      {},
      { 'if-match': cur.headers.etag },
    );
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    const closed = await assign('nanhu.clerk', id, agent);
    expect(closed.statusCode).toBe(409);
    expect(closed.json().detail).toBe('该办件当前为“已撤回”，不能再指定代办员。');
    expect((await call('nanhu.clerk', 'GET', `/api/cases/${id}`)).json().agent).toBeNull();
  });
});
