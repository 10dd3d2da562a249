import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieOf, type TestApp, testApp } from '../../../test/app.ts';

let t: TestApp;
let clerk: string;
beforeAll(async () => {
  t = await testApp();
  clerk = await t.login('nanhu.clerk');
});
afterAll(() => t.close());

const register = (payload: object, cookie = clerk) =>
  t.app.inject({ method: 'POST', url: '/api/enterprises', headers: { cookie }, payload });
const valid = {
  uscc: '913304000000000120',
  name: '嘉兴南湖示范食品有限公司',
  legalRepresentative: '沈建国',
  regionCode: '330402',
  username: 'ent.shipin',
};

describe('enterprise accounts', () => {
  it('the window registers an enterprise; it logs in and must change the password', async () => {
    const res = await register(valid);
    expect(res.statusCode).toBe(201);
    const { enterprise, initialPassword } = res.json();
    expect(enterprise).toMatchObject({ uscc: '913304000000000120', mustChangePassword: true });
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { kind: 'enterprise', username: 'ent.shipin', password: initialPassword },
    });
    expect(login.statusCode).toBe(200);
    expect(login.json()).toMatchObject({ kind: 'enterprise', mustChangePassword: true });
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: cookieOf(login) },
    });
    expect(me.json().uscc).toBe('913304000000000120');
  });

  it.each([
    ['91110000600037341M', '校验位不正确'],
    ['9111000060003734OL', 'I、O、S、V、Z'],
    ['12345', '18 位'],
  ])('refuses USCC %s with a Chinese reason', async (code, message) => {
    const res = await register({ ...valid, uscc: code, username: 'ent.bad' });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().errors)).toContain(message);
  });

  it('accepts lower case input by normalising it, and refuses a USCC registered twice', async () => {
    const dup = await register({ ...valid, uscc: valid.uscc.toLowerCase(), username: 'ent.other' });
    expect(dup.statusCode).toBe(409);
  });

  it('scope: a county window sees its county’s enterprises only, and cannot register in the other county', async () => {
    const list = (
      await t.app.inject({ method: 'GET', url: '/api/enterprises?limit=500', headers: { cookie: clerk } })
    ).json();
    expect(new Set(list.items.map((e: { regionCode: string }) => e.regionCode))).toEqual(new Set(['330402']));
    const other = await register({
      ...valid,
      uscc: '91330411MA29F7XN1J',
      regionCode: '330411',
      username: 'ent.x',
    });
    expect([403, 409]).toContain(other.statusCode);
    const fresh = await register({
      ...valid,
      uscc: '91330402MA2D1H7L42',
      regionCode: '330411',
      username: 'ent.y',
    });
    expect(fresh.statusCode).toBe(403);
    // A department officer may not read enterprise accounts at all.
    const officer = await t.login('nanhu.officer');
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/enterprises', headers: { cookie: officer } }))
        .statusCode,
    ).toBe(403);
  });

  it('disabling an enterprise ends its sessions', async () => {
    const ent = await t.login('ent.zhineng');
    const id = (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: ent } })).json()
      .id;
    const etag = (
      await t.app.inject({ method: 'GET', url: `/api/enterprises/${id}`, headers: { cookie: clerk } })
    ).headers.etag as string;
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/enterprises/${id}`,
      headers: { cookie: clerk, 'if-match': etag },
      payload: { enabled: false },
    });
    expect(res.statusCode).toBe(200);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: ent } })).statusCode,
    ).toBe(401);
  });
});
