import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLogins } from '../server/demo/seed.ts';
import { type Permission, ROLES } from '../server/platform/access/permissions.ts';
import { type TestApp, testApp } from './app.ts';

// Every operation of the OpenAPI document × every role: the outcome must be the declared one.
// A route without a declaration fails here (and at start-up).
let t: TestApp;
// Path parameters name a record that does not exist: the matrix checks access, and must not
// change the demo data that later rows of the matrix log in with.
const MISSING_ID = '999999';
let ops: { method: string; url: string; path: string }[];
beforeAll(async () => {
  t = await testApp();
  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  ops = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.keys(item).map((m) => ({ method: m.toUpperCase(), path, url: path.replace(/\{(\w+)\}/g, ':$1') })),
  );
  // Logout revokes the session: run it last.
  ops.sort((a, b) => Number(a.url.includes('logout')) - Number(b.url.includes('logout')));
});
afterAll(() => t.close());

const principals = [
  ...Object.keys(ROLES).map((role) => ({
    name: role,
    username: demoLogins().find((l) => l.role === role && l.username.startsWith('nanhu.'))!.username,
    permissions: new Set<string>(ROLES[role as keyof typeof ROLES].permissions),
  })),
  { name: 'enterprise', username: 'ent.zhineng', permissions: new Set<string>() },
];

describe('route × role matrix', () => {
  it('every operation declares its access', () => {
    for (const op of ops)
      expect(t.app.accessTable.get(`${op.method} ${op.url}`), `${op.method} ${op.url}`).toBeDefined();
    expect(ops.length).toBeGreaterThanOrEqual(12);
  });

  it('anonymous callers get 401 on everything that is not public', async () => {
    for (const op of ops) {
      const access = t.app.accessTable.get(`${op.method} ${op.url}`)!;
      const res = await t.app.inject({
        method: op.method as 'GET',
        url: op.path.replace(/\{\w+\}/g, MISSING_ID),
        payload: op.method === 'GET' ? undefined : {},
      });
      if (access === 'public') expect(res.statusCode, `${op.method} ${op.path}`).not.toBe(401);
      else expect(res.statusCode, `${op.method} ${op.path}`).toBe(401);
      expect(res.statusCode, `${op.method} ${op.path}`).toBeLessThan(500);
    }
  });

  for (const p of principals) {
    it(`${p.name}: allowed where its role grants the permission, 403 elsewhere`, async () => {
      const cookie = await t.login(p.username);
      let checked = 0;
      for (const op of ops) {
        const access = t.app.accessTable.get(`${op.method} ${op.url}`)!;
        const res = await t.app.inject({
          method: op.method as 'GET',
          url: op.path.replace(/\{\w+\}/g, MISSING_ID),
          headers: { cookie },
          payload: op.method === 'GET' ? undefined : {},
        });
        const label = `${p.name} ${op.method} ${op.path} → ${res.statusCode}`;
        expect(res.statusCode, label).toBeLessThan(500);
        const allowed =
          access === 'public' ||
          access === 'authenticated' ||
          (access === 'staff' && p.name !== 'enterprise') ||
          (access === 'enterprise' && p.name === 'enterprise') ||
          p.permissions.has((access as { permission: Permission }).permission);
        if (allowed) expect([401, 403], label).not.toContain(res.statusCode);
        else expect(res.statusCode, label).toBe(403);
        checked++;
      }
      expect(checked).toBe(ops.length);
    });
  }
});
