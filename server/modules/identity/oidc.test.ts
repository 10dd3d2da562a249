import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieOf, type TestApp, testApp } from '../../../test/app.ts';
import { startTestProvider, type TestProvider } from '../../../test/oidc-provider.ts';

// Login through an OpenID provider: the real openid-client against a provider on localhost.
let provider: TestProvider;
let t: TestApp;
beforeAll(async () => {
  provider = await startTestProvider();
  t = await testApp({
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: provider.clientId,
    OIDC_CLIENT_SECRET: provider.clientSecret,
    OIDC_REDIRECT_URI: 'http://localhost/api/auth/oidc/callback',
    OIDC_NAME: '浙江政务服务网统一身份认证',
  });
});
afterAll(async () => {
  await t.close();
  await provider.close();
});

/** Browser steps: our start → provider authorize → back to our callback. Returns the callback response. */
async function roundTrip() {
  const start = await t.app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
  expect(start.statusCode).toBe(302);
  const authorize = await fetch(String(start.headers.location), { redirect: 'manual' });
  expect(authorize.status).toBe(302);
  const back = new URL(authorize.headers.get('location')!);
  const callback = () => t.app.inject({ method: 'GET', url: `${back.pathname}${back.search}` });
  return { response: await callback(), again: callback };
}

describe('OIDC login', () => {
  it('announces itself to the login page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/oidc' });
    expect(res.json()).toEqual({ enabled: true, name: '浙江政务服务网统一身份认证' });
  });

  it('a provider user with a local account gets a session; the callback cannot be replayed', async () => {
    provider.nextUser = { sub: 'zj-001', preferred_username: 'nanhu.coord' };
    const { response, again } = await roundTrip();
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/');
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: cookieOf(response) },
    });
    expect(me.json().username).toBe('nanhu.coord');
    const replay = await again();
    expect(replay.statusCode).toBe(400);
    expect(replay.json().detail).toMatch(/过期或无效/);
  });

  it('a provider user without a local account is refused and audited', async () => {
    provider.nextUser = { sub: 'zj-404', preferred_username: 'stranger' };
    const { response } = await roundTrip();
    expect(response.statusCode).toBe(403);
    expect(response.json().detail).toMatch(/未在本平台开通/);
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select('outcome')
      .where('action', '=', 'auth.oidc_login')
      .execute();
    expect(audit.map((a) => a.outcome)).toContain('denied');
  });

  it.each([
    ['a forged signature', { badSignature: true }],
    ['a wrong nonce', { wrongNonce: true }],
    ['another audience', { wrongAudience: true }],
  ])('an ID token with %s is rejected', async (_label, tamper) => {
    provider.nextUser = { sub: 'zj-001', preferred_username: 'nanhu.coord' };
    provider.tamper = tamper;
    try {
      const { response } = await roundTrip();
      expect(response.statusCode).toBe(401);
      expect(response.headers['set-cookie']).toBeUndefined();
    } finally {
      provider.tamper = {};
    }
  });
});
