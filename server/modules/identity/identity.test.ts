import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieOf, type TestApp, testApp } from '../../../test/app.ts';
import { DEMO_PASSWORD } from '../../demo/seed.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ LOGIN_MAX_FAILURES: '3' });
});
afterAll(() => t.close());

const login = (username: string, password: string, kind: 'staff' | 'enterprise' = 'staff') =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password, kind } });

describe('login', () => {
  it('sets an HttpOnly SameSite session cookie and stores only the token hash', async () => {
    const res = await login('xiuzhou.clerk', DEMO_PASSWORD);
    expect(res.statusCode).toBe(200);
    const set = String(res.headers['set-cookie']);
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Lax/);
    const token = cookieOf(res).split('=')[1]!;
    const stored = await t.database.db.selectFrom('session').select('token_hash').execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(token);
    expect(stored.every((s) => /^[0-9a-f]{64}$/.test(s.token_hash))).toBe(true);
    expect(res.json()).toMatchObject({
      username: 'xiuzhou.clerk',
      unitName: '秀洲区行政审批局',
      kind: 'staff',
    });
  });

  it('answers the same for a wrong password and an unknown account', async () => {
    const wrong = await login('xiuzhou.coord', 'Wrong#password1');
    const unknown = await login('nobody.here', 'Wrong#password1');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().detail).toBe(unknown.json().detail);
  });

  it('locks an account name after repeated failures, existing or not, with the same message', async () => {
    for (let i = 0; i < 3; i++) {
      await login('xiuzhou.lead', 'Wrong#password1');
      await login('ghost.user', 'Wrong#password1');
    }
    const real = await login('xiuzhou.lead', DEMO_PASSWORD); // even the right password is refused now
    const ghost = await login('ghost.user', DEMO_PASSWORD);
    expect(real.statusCode).toBe(429);
    expect(ghost.statusCode).toBe(429);
    expect(real.json().detail).toBe(ghost.json().detail);
    expect(real.json().detail).toMatch(/锁定/);
    const audited = await t.database.db
      .selectFrom('audit_event')
      .select(['outcome'])
      .where('action', '=', 'auth.login')
      .where('outcome', '=', 'denied')
      .execute();
    expect(audited.length).toBeGreaterThanOrEqual(2);
  });

  it('enterprise accounts log in with their own kind', async () => {
    const res = await login('ent.xincailiao', DEMO_PASSWORD, 'enterprise');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'enterprise', uscc: '91330411MA29F7XN1J' });
    // The same name as staff does not exist.
    expect((await login('ent.xincailiao', DEMO_PASSWORD, 'staff')).statusCode).toBe(401);
  });
});

describe('sessions', () => {
  it('logout revokes the session; logout everywhere revokes all', async () => {
    const a = cookieOf(await login('city.leader', DEMO_PASSWORD));
    const b = cookieOf(await login('city.leader', DEMO_PASSWORD));
    const me = (c: string) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: c } });
    expect((await me(a)).statusCode).toBe(200);
    await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: a }, payload: {} });
    expect((await me(a)).statusCode).toBe(401);
    expect((await me(b)).statusCode).toBe(200);
    const c = cookieOf(await login('city.leader', DEMO_PASSWORD));
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: c },
      payload: { everywhere: true },
    });
    expect((await me(b)).statusCode).toBe(401);
    expect((await me(c)).statusCode).toBe(401);
  });

  it('an idle session expires', async () => {
    const c = cookieOf(await login('city.liaison', DEMO_PASSWORD));
    await t.database.db
      .updateTable('session')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000) })
      .where('revoked_at', 'is', null)
      .where(
        'principal_id',
        '=',
        (
          await t.database.db
            .selectFrom('app_user')
            .select('id')
            .where('username', '=', 'city.liaison')
            .executeTakeFirstOrThrow()
        ).id,
      )
      .execute();
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: c } })).statusCode,
    ).toBe(401);
  });
});

describe('password change', () => {
  it('enforces the rules with Chinese messages, then requires the new password', async () => {
    const cookie = cookieOf(await login('city.agent', DEMO_PASSWORD));
    const change = (currentPassword: string, newPassword: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: { cookie },
        payload: { currentPassword, newPassword },
      });
    const cases: [string, RegExp][] = [
      ['short1A!', /至少 10 位/],
      ['alllowercaseletters', /三类/],
      ['City.agent#2026x', /用户名/],
      ['Admin@123', /至少 10 位/],
    ];
    for (const [pw, msg] of cases) {
      const res = await change(DEMO_PASSWORD, pw);
      expect(res.statusCode, pw).toBe(400);
      expect(JSON.stringify(res.json().errors), pw).toMatch(msg);
    }
    expect((await change('not-the-password', 'Another#Secret42')).statusCode).toBe(400);
    expect((await change(DEMO_PASSWORD, 'Another#Secret42')).statusCode).toBe(200);
    expect((await login('city.agent', DEMO_PASSWORD)).statusCode).toBe(401);
    expect((await login('city.agent', 'Another#Secret42')).statusCode).toBe(200);
  });

  it('a user who must change the password can do nothing else first', async () => {
    await t.database.db
      .updateTable('app_user')
      .set({ must_change_password: true })
      .where('username', '=', 'city.super')
      .execute();
    const cookie = cookieOf(await login('city.super', DEMO_PASSWORD));
    const units = await t.app.inject({ method: 'GET', url: '/api/units', headers: { cookie } });
    expect(units.statusCode).toBe(403);
    expect(units.json().type).toBe('/problems/password-change-required');
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.json().mustChangePassword).toBe(true);
  });
});
