import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.ts';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await testApp();
  admin = await t.login('nanhu.admin');
});
afterAll(() => t.close());

const isProblem = (res: { statusCode: number; headers: Record<string, unknown>; json(): unknown }) => {
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  const body = res.json() as { type: string; title: string; status: number };
  expect(body.status).toBe(res.statusCode);
  expect(body.type).toMatch(/^\/problems\//);
  expect(body.title).toMatch(/[\u4e00-\u9fa5]/); // a Chinese title for the clerk
  return body;
};

const countUnits = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('unit')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('problem+json for every kind of bad request', () => {
  it('unknown API route → 404', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(res.statusCode).toBe(404);
    isProblem(res);
  });

  it('malformed JSON → 400, nothing written', async () => {
    const n = await countUnits();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/units',
      headers: { cookie: admin, 'content-type': 'application/json' },
      payload: '{"name": "半截',
    });
    expect(res.statusCode).toBe(400);
    isProblem(res);
    expect(await countUnits()).toBe(n);
  });

  it('wrong content type → 415', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/units',
      headers: { cookie: admin, 'content-type': 'text/xml' },
      payload: '<unit/>',
    });
    expect(res.statusCode).toBe(415);
    isProblem(res);
  });

  it('oversized body → 413', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/units',
      headers: { cookie: admin, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.statusCode).toBe(413);
    isProblem(res);
  });

  it('invalid fields → 400 listing each field with a Chinese message', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/units',
      headers: { cookie: admin },
      payload: { regionCode: '12', kind: 'bank', name: '' },
    });
    expect(res.statusCode).toBe(400);
    const body = isProblem(res) as unknown as { errors: { field: string; message: string }[] };
    const fields = body.errors.map((e) => e.field).sort();
    expect(fields).toEqual(['body.kind', 'body.name', 'body.regionCode']);
    expect(body.errors.find((e) => e.field === 'body.regionCode')?.message).toBe('区划代码应为 6 位数字');
  });

  it('invalid query string → 400', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/units?limit=abc&kind=zzz',
      headers: { cookie: admin },
    });
    expect(res.statusCode).toBe(400);
    isProblem(res);
  });

  it('a database rule broken by a valid-looking request is a 4xx, not a 5xx', async () => {
    const body = { regionCode: '330402', kind: 'department', name: '南湖区发展和改革局' }; // already exists
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/units',
      headers: { cookie: admin },
      payload: body,
    });
    expect(res.statusCode).toBe(409);
    isProblem(res);
  });

  it('a cross-site unsafe request is refused (Origin check)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/units',
      headers: { cookie: admin, origin: 'https://evil.example', host: 'localhost:3000' },
      payload: { regionCode: '330402', kind: 'department', name: '跨站测试局' },
    });
    expect(res.statusCode).toBe(403);
    isProblem(res);
  });
});

describe('Idempotency-Key', () => {
  it('a repeat returns the first response and writes nothing new', async () => {
    const n = await countUnits();
    const req = {
      method: 'POST' as const,
      url: '/api/units',
      headers: { cookie: admin, 'idempotency-key': 'create-unit-0001' },
      payload: { regionCode: '330402', kind: 'park', name: '南湖高新技术产业园区' },
    };
    const first = await t.app.inject(req);
    const second = await t.app.inject(req);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotency-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    expect(await countUnits()).toBe(n + 1);
  });

  it('the same key with a different body is a 422', async () => {
    const headers = { cookie: admin, 'idempotency-key': 'create-unit-0002' };
    const a = await t.app.inject({
      method: 'POST',
      url: '/api/units',
      headers,
      payload: { regionCode: '330402', kind: 'town', name: '七星街道' },
    });
    expect(a.statusCode).toBe(201);
    const b = await t.app.inject({
      method: 'POST',
      url: '/api/units',
      headers,
      payload: { regionCode: '330402', kind: 'town', name: '大桥镇' },
    });
    expect(b.statusCode).toBe(422);
    isProblem(b);
  });
});

describe('optimistic concurrency', () => {
  it('an edit needs If-Match; a stale version is refused with 412 and changes nothing', async () => {
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/units?kind=department&limit=1',
      headers: { cookie: admin },
    });
    const id = list.json().items[0].id as number;
    const get = await t.app.inject({ method: 'GET', url: `/api/units/${id}`, headers: { cookie: admin } });
    const etag = get.headers.etag as string;
    expect(etag).toMatch(/^W\/"\d+"$/);

    const none = await t.app.inject({
      method: 'PATCH',
      url: `/api/units/${id}`,
      headers: { cookie: admin },
      payload: { shortName: '南改' },
    });
    expect(none.statusCode).toBe(428);

    const ok = await t.app.inject({
      method: 'PATCH',
      url: `/api/units/${id}`,
      headers: { cookie: admin, 'if-match': etag },
      payload: { shortName: '南改' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().shortName).toBe('南改');

    const stale = await t.app.inject({
      method: 'PATCH',
      url: `/api/units/${id}`,
      headers: { cookie: admin, 'if-match': etag },
      payload: { shortName: '覆盖' },
    });
    expect(stale.statusCode).toBe(412);
    isProblem(stale);
    const now = await t.app.inject({ method: 'GET', url: `/api/units/${id}`, headers: { cookie: admin } });
    expect(now.json().shortName).toBe('南改');
  });
});

describe('operations endpoints', () => {
  it('healthz, readyz and metrics answer; request ids are echoed', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({
      method: 'GET',
      url: '/readyz',
      headers: { 'x-request-id': 'test-req-12345' },
    });
    expect(ready.json().status).toBe('ready');
    expect(ready.headers['x-request-id']).toBe('test-req-12345');
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain('xietong_http_request_duration_seconds');
  });

  it('publishes OpenAPI 3.1 with a Chinese summary and description on every operation', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    const ops = Object.values(
      doc.paths as Record<string, Record<string, { summary?: string; description?: string }>>,
    ).flatMap((p) => Object.values(p));
    expect(ops.length).toBeGreaterThan(8);
    for (const op of ops) {
      expect(op.summary).toMatch(/[\u4e00-\u9fa5]/);
      expect(op.description).toMatch(/[\u4e00-\u9fa5]/);
    }
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
  });
});
