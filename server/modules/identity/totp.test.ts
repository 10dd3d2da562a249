import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieOf, type TestApp, testApp } from '../../../test/app.ts';
import { DEMO_PASSWORD } from '../../demo/seed.ts';
import { matchTotp, totpCodeAt } from './totp.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const login = (username: string, totpCode?: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: DEMO_PASSWORD, totpCode },
  });
const post = (url: string, cookie: string, payload: object = {}) =>
  t.app.inject({ method: 'POST', url, headers: { cookie }, payload });

describe('TOTP codes (RFC 6238)', () => {
  const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // RFC 6238 test key "12345678901234567890"
  it.each([
    [59_000, '287082'],
    [1_111_111_109_000, '081804'],
    [1_234_567_890_000, '005924'],
    [2_000_000_000_000, '279037'],
  ])('at %i ms the code is %s', (ts, code) => {
    expect(totpCodeAt(secret, ts)).toBe(code);
    expect(matchTotp(secret, code, null, ts)).toBe(Math.floor(ts / 30_000));
  });
  it('accepts one step of clock drift, refuses two, and refuses a replayed step', () => {
    const now = 1_800_000_000_000;
    expect(matchTotp(secret, totpCodeAt(secret, now - 30_000), null, now)).not.toBeNull();
    expect(matchTotp(secret, totpCodeAt(secret, now - 60_000), null, now)).toBeNull();
    const step = matchTotp(secret, totpCodeAt(secret, now), null, now)!;
    expect(matchTotp(secret, totpCodeAt(secret, now), step, now)).toBeNull();
    expect(matchTotp(secret, 'abcdef', null, now)).toBeNull();
  });
});

describe('second factor at login', () => {
  it('enrol → confirm → login needs a code; codes cannot be replayed; recovery codes work once', async () => {
    const cookie = cookieOf(await login('xiuzhou.coord'));
    const enrol = await post('/api/auth/totp/enrol', cookie);
    expect(enrol.statusCode).toBe(200);
    const { secret, otpauthUrl } = enrol.json();
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    // Stored encrypted (SM4), never in clear.
    const row = await t.database.db
      .selectFrom('app_user')
      .select('totp_secret_enc')
      .where('username', '=', 'xiuzhou.coord')
      .executeTakeFirstOrThrow();
    expect(row.totp_secret_enc).toMatch(/^sm4:/);
    expect(row.totp_secret_enc).not.toContain(secret);
    expect(t.secrets.open(row.totp_secret_enc!)).toBe(secret);

    expect((await post('/api/auth/totp/confirm', cookie, { code: '000000' })).statusCode).toBe(400);
    const confirm = await post('/api/auth/totp/confirm', cookie, { code: totpCodeAt(secret, Date.now()) });
    expect(confirm.statusCode).toBe(200);
    const { recoveryCodes } = confirm.json();
    expect(recoveryCodes).toHaveLength(10);

    const noCode = await login('xiuzhou.coord');
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().type).toBe('/problems/totp-required');
    // The code used to confirm is already spent (same time step): a replay is refused.
    const replay = await login('xiuzhou.coord', totpCodeAt(secret, Date.now()));
    expect(replay.statusCode).toBe(401);
    expect(replay.json().type).toBe('/problems/totp-invalid');
    const next = await login('xiuzhou.coord', totpCodeAt(secret, Date.now() + 30_000));
    expect(next.statusCode).toBe(200);
    const recovery = await login('xiuzhou.coord', recoveryCodes[0]);
    expect(recovery.statusCode).toBe(200);
    expect((await login('xiuzhou.coord', recoveryCodes[0])).statusCode).toBe(401);
  });

  it('a role policy forces enrolment before anything else; only a global admin may set it', async () => {
    const nanhuAdmin = await t.login('nanhu.admin');
    const refused = await t.app.inject({
      method: 'PUT',
      url: '/api/role-policies/supervisor',
      headers: { cookie: nanhuAdmin },
      payload: { totpRequired: true },
    });
    expect(refused.statusCode).toBe(403);
    const cityAdmin = await t.login('city.admin');
    const set = await t.app.inject({
      method: 'PUT',
      url: '/api/role-policies/supervisor',
      headers: { cookie: cityAdmin },
      payload: { totpRequired: true },
    });
    expect(set.statusCode).toBe(200);
    expect(set.json().find((p: { role: string }) => p.role === 'supervisor').totpRequired).toBe(true);

    const sup = await t.login('nanhu.super');
    const blocked = await t.app.inject({ method: 'GET', url: '/api/units', headers: { cookie: sup } });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().type).toBe('/problems/totp-enrolment-required');
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: sup } });
    expect(me.json().mustEnrolTotp).toBe(true);
    const { secret } = (await post('/api/auth/totp/enrol', sup)).json();
    expect(
      (await post('/api/auth/totp/confirm', sup, { code: totpCodeAt(secret, Date.now()) })).statusCode,
    ).toBe(200);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/units', headers: { cookie: sup } })).statusCode,
    ).toBe(200);
    const disable = await post('/api/auth/totp/disable', sup, { password: DEMO_PASSWORD });
    expect(disable.statusCode).toBe(422);
  });
});
