import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.ts';

// Data scopes: a department sees its own unit, a county its own region, the city its counties.
let t: TestApp;
const unitId = async (name: string) =>
  Number(
    (await t.database.db.selectFrom('unit').select('id').where('name', '=', name).executeTakeFirstOrThrow())
      .id,
  );

beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const get = (cookie: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });

describe('data scopes on units', () => {
  it('a department officer sees only its own department; another department is a 404', async () => {
    const cookie = await t.login('nanhu.officer');
    const list = await get(cookie, '/api/units');
    expect(list.json().items.map((u: { name: string }) => u.name)).toEqual(['南湖区发展和改革局']);
    const other = await get(cookie, `/api/units/${await unitId('南湖区自然资源和规划局')}`);
    expect(other.statusCode).toBe(404);
    expect((await get(cookie, `/api/units/${await unitId('南湖区发展和改革局')}`)).statusCode).toBe(200);
  });

  it('a county center sees its own county, not the neighbouring one', async () => {
    const cookie = await t.login('nanhu.coord');
    const regions = new Set(
      (await get(cookie, '/api/units?limit=500'))
        .json()
        .items.map((u: { regionCode: string }) => u.regionCode),
    );
    expect([...regions]).toEqual(['330402']);
    expect((await get(cookie, `/api/units/${await unitId('秀洲区发展和改革局')}`)).statusCode).toBe(404);
  });

  it('the city center sees its own units and both counties', async () => {
    const cookie = await t.login('city.coord');
    const regions = new Set(
      (await get(cookie, '/api/units?limit=500'))
        .json()
        .items.map((u: { regionCode: string }) => u.regionCode),
    );
    expect([...regions].sort()).toEqual(['330400', '330402', '330411']);
    expect((await get(cookie, `/api/units/${await unitId('秀洲区发展和改革局')}`)).statusCode).toBe(200);
  });

  it('keyset paging walks every unit once', async () => {
    const cookie = await t.login('city.admin');
    const seen: number[] = [];
    let after: number | null = null;
    do {
      const page = (await get(cookie, `/api/units?limit=7${after ? `&after=${after}` : ''}`)).json() as {
        items: { id: number }[];
        nextAfter: number | null;
      };
      seen.push(...page.items.map((u) => u.id));
      after = page.nextAfter;
    } while (after);
    const total = await t.database.db.selectFrom('unit').select('id').execute();
    expect(seen.sort((a, b) => a - b)).toEqual(total.map((u) => Number(u.id)).sort((a, b) => a - b));
  });

  it('a county admin cannot create a unit in the other county; the city admin can', async () => {
    const body = { regionCode: '330411', kind: 'town', name: '王江泾镇' };
    const county = await t.app.inject({
      method: 'POST',
      url: '/api/units',
      headers: { cookie: await t.login('nanhu.admin') },
      payload: body,
    });
    expect(county.statusCode).toBe(403);
    const city = await t.app.inject({
      method: 'POST',
      url: '/api/units',
      headers: { cookie: await t.login('city.admin') },
      payload: body,
    });
    expect(city.statusCode).toBe(201);
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(['actor_name', 'target_id'])
      .where('action', '=', 'unit.create')
      .execute();
    expect(audit).toContainEqual({ actor_name: 'city.admin', target_id: String(city.json().id) });
  });
});

describe('unit USCC (统一社会信用代码)', () => {
  it('is checked (length, alphabet, check character), unique across units, and edited with If-Match', async () => {
    const cookie = await t.login('nanhu.admin');
    const id = await unitId('南湖区消防救援大队');
    const patch = async (uscc: string | null) => {
      const cur = await get(cookie, `/api/units/${id}`);
      return t.app.inject({
        method: 'PATCH',
        url: `/api/units/${id}`,
        headers: { cookie, 'if-match': cur.headers.etag as string },
        payload: { uscc },
      });
    };
    const before = (await get(cookie, `/api/units/${id}`)).json();
    for (const [bad, message] of [
      ['11330402MB000001', '统一社会信用代码应为 18 位'],
      ['11330402MB0000O1X1', '统一社会信用代码只能包含数字和除 I、O、S、V、Z 以外的大写字母'],
      ['11330402MB00000990', '统一社会信用代码校验位不正确'],
    ] as const) {
      const res = await patch(bad);
      expect(res.statusCode, bad).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(res.json())).toContain(message);
    }
    // Another unit's code is refused with a message that says so.
    const taken = (await get(cookie, `/api/units/${await unitId('南湖区行政审批局')}`)).json().uscc;
    expect(taken).toMatch(/^11330402MB/);
    const dup = await patch(taken);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().detail).toBe('该统一社会信用代码已登记在其他单位名下。');
    expect((await get(cookie, `/api/units/${id}`)).json()).toMatchObject({
      uscc: before.uscc,
      version: before.version,
    });
    // A valid code in lower case is stored upper case; null clears it.
    const good = await patch('11330402mb00000998');
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json().uscc).toBe('11330402MB00000998');
    const cleared = await patch(null);
    expect(cleared.json().uscc).toBeNull();
  });
});

describe('regions', () => {
  it('only a global administrator adds a county, under a city, once', async () => {
    const body = { code: '330421', name: '嘉善县', parentCode: '330400' };
    const county = await t.app.inject({
      method: 'POST',
      url: '/api/regions',
      headers: { cookie: await t.login('nanhu.admin') },
      payload: body,
    });
    expect(county.statusCode).toBe(403);
    const cookie = await t.login('city.admin');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/regions',
      headers: { cookie },
      payload: body,
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toEqual({ code: '330421', name: '嘉善县', parentCode: '330400', level: 'county' });
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/regions', headers: { cookie }, payload: body }))
        .statusCode,
    ).toBe(409);
    const third = await t.app.inject({
      method: 'POST',
      url: '/api/regions',
      headers: { cookie },
      payload: { code: '330499', name: '某街道', parentCode: '330402' },
    });
    expect(third.statusCode).toBe(422);
  });
});

describe('denied attempts', () => {
  it('are audited with the route and the missing permission', async () => {
    const cookie = await t.login('nanhu.officer');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/units',
      headers: { cookie },
      payload: { regionCode: '330402', kind: 'town', name: '越权新建镇' },
    });
    expect(res.statusCode).toBe(403);
    const rows = await t.database.db
      .selectFrom('audit_event')
      .select(['actor_name', 'outcome', 'target_id', 'summary'])
      .where('action', '=', 'access.denied')
      .execute();
    expect(rows).toContainEqual({
      actor_name: 'nanhu.officer',
      outcome: 'denied',
      target_id: 'POST /api/units',
      summary: { permission: 'org:manage' },
    });
  });
});
