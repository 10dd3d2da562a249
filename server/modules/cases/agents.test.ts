import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCaller, type Json, type TestApp, testApp } from '../../../test/app.ts';
import { FACTORY_PASSWORD, makeUser } from '../../../test/factories.ts';

// The agent (代办员) on a case: named by the window at intake or later, sees the cases it
// represents and nothing else, is told when named. Demo region 南湖区; 秀洲区 has its own agent.
let t: TestApp;
const { call } = apiCaller(() => t);

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

const centerId = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('unit')
        .select('id')
        .where('name', '=', '南湖区行政审批局')
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

  it('names nobody twice, clears nobody, and tells the agent it replaces', async () => {
    const id = (await intake({ agentId: agent })).json().id as number;
    const same = await assign('nanhu.clerk', id, agent);
    expect(same.statusCode).toBe(409);
    expect(same.json().detail).toBe('该代办员已是本办件的代办员。');
    const second = await makeUser(t.database.db, { unitId: await centerId(), role: 'agent', scope: 'self' });
    const moved = await assign('nanhu.clerk', id, Number(second.id));
    expect(moved.statusCode, moved.body).toBe(200);
    const told = await t.database.db
      .selectFrom('notification')
      .select(['user_id', 'title'])
      .where('kind', '=', 'case.agent')
      .where('title', 'like', `%${moved.json().number}%`)
      .orderBy('id')
      .execute();
    expect(told.map((n) => [Number(n.user_id), n.title.split('：')[0]])).toEqual([
      [agent, '您已被指定为代办员'],
      [Number(second.id), '您已被指定为代办员'],
      [agent, '您已不再代办'],
    ]);
    expect((await assign('nanhu.clerk', id, null)).statusCode).toBe(200);
    const none = await assign('nanhu.clerk', id, null);
    expect(none.statusCode).toBe(409);
    expect(none.json().detail).toBe('该办件没有代办员。');
  });

  it('refuses a disabled agent or a non-agent later too, writing no step and no audit row', async () => {
    const id = (await intake()).json().id as number;
    const off = await makeUser(t.database.db, { unitId: await centerId(), role: 'agent', scope: 'self' });
    await t.database.db.updateTable('app_user').set({ enabled: false }).where('id', '=', off.id).execute();
    const steps = async () => (await call('nanhu.clerk', 'GET', `/api/cases/${id}`)).json().steps.length;
    const before = await steps();
    for (const who of [Number(off.id), await userId('nanhu.officer')]) {
      const res = await assign('nanhu.clerk', id, who);
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0]).toEqual({
        field: 'body.agentId',
        message: '所选人员不是本区划启用中的代办员',
      });
    }
    expect((await intake({ agentId: Number(off.id) })).statusCode).toBe(400);
    expect(await steps()).toBe(before);
    const audits = await t.database.db
      .selectFrom('audit_event')
      .select('id')
      .where('action', '=', 'case.agent')
      .where('target_id', '=', String(id))
      .execute();
    expect(audits).toEqual([]);
  });

  it('a window serving only some departments cannot name agents on other departments’ cases', async () => {
    // Window staff for 发改 items only, who also reads the whole region as a coordinator.
    const fagai = await t.database.db
      .selectFrom('unit')
      .select('id')
      .where('name', '=', '南湖区发展和改革局')
      .executeTakeFirstOrThrow();
    const user = await makeUser(t.database.db, { unitId: await centerId() });
    await t.database.db
      .insertInto('role_assignment')
      .values([
        { user_id: user.id, role: 'window_clerk', scope: 'custom_units', scope_unit_ids: [Number(fagai.id)] },
        { user_id: user.id, role: 'coordinator', scope: 'region' },
      ])
      .execute();
    const cookie = await t.login(user.username, 'staff', FACTORY_PASSWORD);
    const id = (await intake()).json().id as number; // 公共场所卫生许可: 卫健, not 发改
    const cur = await call('nanhu.clerk', 'GET', `/api/cases/${id}`);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${id}/agent`,
      payload: { agentId: agent },
      headers: { cookie, 'if-match': cur.headers.etag },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toBe('代办员由受理窗口指定。');
    // It still serves the region's window, so it may list the region's agents.
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/cases/agents?region=330402',
      headers: { cookie },
    });
    expect(list.statusCode).toBe(200);
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
