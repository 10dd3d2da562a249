import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from './app.ts';

// Malformed bodies, headers, path parameters and query strings against every operation of the
// OpenAPI document, as an administrator (so requests get past access checks): no 5xx, and every
// error is problem+json.
let t: TestApp;
let cookie: string;
let ops: { method: string; path: string }[];
beforeAll(async () => {
  t = await testApp();
  cookie = await t.login('city.admin');
  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  ops = Object.entries(doc.paths)
    .flatMap(([path, item]) => Object.keys(item).map((m) => ({ method: m.toUpperCase(), path })))
    .filter((op) => !op.path.includes('logout'));
});
afterAll(() => t.close());

// A small deterministic generator: the same cases every run, so a failure reproduces.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const HOSTILE_VALUES: unknown[] = [
  null,
  true,
  -1,
  0,
  1e308,
  -0.5,
  '',
  ' ',
  'x'.repeat(10_000),
  '\u0000',
  "'; drop table unit; --",
  '<script>alert(1)</script>',
  '䶮㛃龘𠮷',
  '../../etc/passwd',
  [],
  [1, 2, 3],
  {},
  { $gt: '' },
  { __proto__: { admin: true } },
  '2026-02-30',
  'NaN',
];

const PATH_PARAMS = [
  'abc',
  '-1',
  '0',
  '99999999999999999999',
  '1.5',
  '%00',
  '%E4%B8%AD',
  "1'or'1'='1",
  'null',
];

const QUERIES = [
  'limit=-1',
  'limit=abc',
  'limit=100000',
  'after=x',
  'before=-5',
  'from=yesterday',
  'kind[]=a&kind[]=b',
  'q=%ZZ',
  '%ZZ=1',
  'regionCode=330402&regionCode=330411',
  `q=${'长'.repeat(500)}`,
];

const BODIES: { type?: string; payload: string }[] = [
  { payload: '{' },
  { payload: 'null' },
  { payload: '[]' },
  { payload: '"text"' },
  { payload: '123' },
  { payload: `{"a":${'['.repeat(2000)}${']'.repeat(2000)}}` },
  { type: 'text/plain', payload: 'hello' },
  { type: 'application/x-www-form-urlencoded', payload: 'a=1&b=2' },
  { type: 'multipart/form-data; boundary=x', payload: '--x\r\n\r\n--x--' },
  { type: 'application/json; charset=gbk', payload: '{}' },
];

function expectProblem(
  res: { statusCode: number; headers: Record<string, unknown>; body: string },
  label: string,
) {
  expect(res.statusCode, label).toBeLessThan(500);
  if (res.statusCode >= 400) {
    expect(String(res.headers['content-type']), label).toMatch(/^application\/problem\+json/);
    const body = JSON.parse(res.body) as { status: number; title: string };
    expect(body.status, label).toBe(res.statusCode);
    expect(body.title, label).toMatch(/[\u4e00-\u9fa5]/);
  }
}

describe('fuzz every route', () => {
  it('bodies: malformed JSON, wrong types and hostile values', async () => {
    const next = rng(20261126);
    let sent = 0;
    for (const op of ops.filter((o) => o.method !== 'GET')) {
      const url = op.path.replace(/\{\w+\}/g, '1');
      for (const b of BODIES) {
        const res = await t.app.inject({
          method: op.method as 'POST',
          url,
          headers: { cookie, 'content-type': b.type ?? 'application/json', 'if-match': 'W/"1"' },
          payload: b.payload,
        });
        expectProblem(res, `${op.method} ${url} body ${b.payload.slice(0, 30)}`);
        sent++;
      }
      for (let i = 0; i < 40; i++) {
        const pick = () => HOSTILE_VALUES[Math.floor(next() * HOSTILE_VALUES.length)];
        const payload: Record<string, unknown> = {};
        for (const k of [
          'name',
          'kind',
          'regionCode',
          'shortName',
          'enabled',
          'username',
          'password',
          'newPassword',
          'everywhere',
        ]) {
          if (next() < 0.5) payload[k] = pick();
        }
        const res = await t.app.inject({
          method: op.method as 'POST',
          url,
          headers: { cookie, 'if-match': 'W/"1"' },
          payload,
        });
        expectProblem(res, `${op.method} ${url} ${JSON.stringify(payload).slice(0, 80)}`);
        sent++;
      }
    }
    expect(sent).toBeGreaterThan(100);
    // Thousands of requests: a guard against a hang, not a measure of speed.
  }, 180_000);

  it('path parameters and query strings', async () => {
    let sent = 0;
    for (const op of ops) {
      const urls = op.path.includes('{')
        ? PATH_PARAMS.map((p) => op.path.replace(/\{\w+\}/g, p))
        : QUERIES.map((q) => `${op.path}?${q}`);
      for (const url of urls) {
        const res = await t.app.inject({
          method: op.method as 'GET',
          url,
          headers: { cookie },
          payload: op.method === 'GET' ? undefined : {},
        });
        expectProblem(res, `${op.method} ${url}`);
        sent++;
      }
    }
    expect(sent).toBeGreaterThan(50);
  });

  it('headers: bad If-Match, Idempotency-Key, cookies and request ids', async () => {
    const headerSets: Record<string, string>[] = [
      { 'if-match': 'garbage' },
      { 'if-match': 'W/"99999999999"' },
      { 'idempotency-key': 'short' },
      { 'idempotency-key': 'k'.repeat(500) },
      { cookie: 'xt_session=not-a-token' },
      { cookie: 'xt_session=%E0%A4%A' },
      { 'x-request-id': '<script>' },
      { 'content-length': '5' },
      { accept: 'application/xml' },
    ];
    for (const op of ops) {
      const url = op.path.replace(/\{\w+\}/g, '1');
      for (const h of headerSets) {
        const res = await t.app.inject({
          method: op.method as 'GET',
          url,
          headers: { cookie, ...h },
          payload: op.method === 'GET' ? undefined : {},
        });
        expectProblem(res, `${op.method} ${url} ${JSON.stringify(h)}`);
      }
    }
  });
});
