import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieOf, type TestApp, testApp } from '../../../test/app.ts';
import { FACTORY_PASSWORD, makeUser } from '../../../test/factories.ts';
import { roleAssignmentProblems } from './users.policy.ts';

let t: TestApp;
let admin: string;
let nanhuOfficeId: number;
beforeAll(async () => {
  t = await testApp();
  admin = await t.login('nanhu.admin');
  nanhuOfficeId = Number(
    (
      await t.database.db
        .selectFrom('unit')
        .select('id')
        .where('name', '=', '南湖区商务局')
        .executeTakeFirstOrThrow()
    ).id,
  );
});
afterAll(() => t.close());

const api = (
  method: 'GET' | 'POST' | 'PATCH' | 'PUT',
  url: string,
  cookie: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) => t.app.inject({ method, url, headers: { cookie, ...headers }, payload: payload as object });

describe('user administration', () => {
  it('creates a user with a one-time password; the user must change it before anything else', async () => {
    const res = await api('POST', '/api/users', admin, {
      username: 'nanhu.shangwu',
      displayName: '商务 黄涛',
      unitId: nanhuOfficeId,
      roles: [{ role: 'dept_officer', scope: 'own_unit' }],
    });
    expect(res.statusCode).toBe(201);
    const { user, initialPassword } = res.json();
    expect(user.mustChangePassword).toBe(true);
    expect(initialPassword).toHaveLength(12);

    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nanhu.shangwu', password: initialPassword },
    });
    expect(login.statusCode).toBe(200);
    const cookie = cookieOf(login);
    expect((await api('GET', '/api/units', cookie)).statusCode).toBe(403);
    const changed = await api('POST', '/api/auth/password', cookie, {
      currentPassword: initialPassword,
      newPassword: 'Shangwu#Secure88',
    });
    expect(changed.statusCode).toBe(200);
    const units = await api('GET', '/api/units', cookie);
    expect(units.json().items.map((u: { name: string }) => u.name)).toEqual(['南湖区商务局']);
  });

  it('refuses to grant more than the manager holds', async () => {
    const target = await makeUser(t.database.db, { unitId: nanhuOfficeId });
    const etag = (await api('GET', `/api/users/${target.id}`, admin)).headers.etag as string;
    const all = await api(
      'PUT',
      `/api/users/${target.id}/roles`,
      admin,
      { roles: [{ role: 'admin', scope: 'all' }] },
      { 'if-match': etag },
    );
    expect(all.statusCode).toBe(422);
    expect(all.json().detail).toMatch(/全部/);
    const xiuzhou = Number(
      (
        await t.database.db
          .selectFrom('unit')
          .select('id')
          .where('name', '=', '秀洲区水利局')
          .executeTakeFirstOrThrow()
      ).id,
    );
    const custom = await api(
      'PUT',
      `/api/users/${target.id}/roles`,
      admin,
      { roles: [{ role: 'supervisor', scope: 'custom_units', scopeUnitIds: [xiuzhou] }] },
      { 'if-match': etag },
    );
    expect(custom.statusCode).toBe(422);
    expect(custom.json().detail).toMatch(/不在您的管理范围内/);
    const ok = await api(
      'PUT',
      `/api/users/${target.id}/roles`,
      admin,
      { roles: [{ role: 'liaison', scope: 'own_unit' }] },
      { 'if-match': etag },
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.json().roles).toEqual([{ role: 'liaison', scope: 'own_unit', scopeUnitIds: [] }]);
    // The version moved: the same ETag is now stale.
    const stale = await api(
      'PUT',
      `/api/users/${target.id}/roles`,
      admin,
      { roles: [] },
      { 'if-match': etag },
    );
    expect(stale.statusCode).toBe(412);
  });

  it("a county admin cannot see or manage the other county's users", async () => {
    const other = Number(
      (
        await t.database.db
          .selectFrom('app_user')
          .select('id')
          .where('username', '=', 'xiuzhou.clerk')
          .executeTakeFirstOrThrow()
      ).id,
    );
    expect((await api('GET', `/api/users/${other}`, admin)).statusCode).toBe(404);
    expect((await api('POST', `/api/users/${other}/reset-password`, admin)).statusCode).toBe(404);
    const list = await api('GET', '/api/users?limit=500', admin);
    expect(list.json().items.every((u: { regionCode: string }) => u.regionCode === '330402')).toBe(true);
  });

  it('disabling a user ends the sessions at once', async () => {
    const target = await makeUser(t.database.db, { unitId: nanhuOfficeId, role: 'dept_officer' });
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: target.username, password: FACTORY_PASSWORD },
    });
    const cookie = cookieOf(login);
    expect((await api('GET', '/api/auth/me', cookie)).statusCode).toBe(200);
    const etag = (await api('GET', `/api/users/${target.id}`, admin)).headers.etag as string;
    expect(
      (await api('PATCH', `/api/users/${target.id}`, admin, { enabled: false }, { 'if-match': etag }))
        .statusCode,
    ).toBe(200);
    expect((await api('GET', '/api/auth/me', cookie)).statusCode).toBe(401);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: target.username, password: FACTORY_PASSWORD },
    });
    expect(again.statusCode).toBe(401);
  });

  it('reset password returns a new one-time password and clears a lock', async () => {
    const target = await makeUser(t.database.db, { unitId: nanhuOfficeId, role: 'dept_officer' });
    for (let i = 0; i < 5; i++) {
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: target.username, password: 'Wrong#pass123' },
      });
    }
    const locked = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: target.username, password: FACTORY_PASSWORD },
    });
    expect(locked.statusCode).toBe(429);
    const reset = await api('POST', `/api/users/${target.id}/reset-password`, admin);
    expect(reset.statusCode).toBe(200);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: target.username, password: reset.json().initialPassword },
    });
    expect(login.statusCode).toBe(200);
    expect(login.json().mustChangePassword).toBe(true);
  });

  it('every change is audited in the same transaction', async () => {
    const actions = await t.database.db
      .selectFrom('audit_event')
      .select('action')
      .where('actor_name', '=', 'nanhu.admin')
      .execute();
    expect(new Set(actions.map((a) => a.action))).toEqual(
      new Set(['auth.login', 'user.create', 'user.roles', 'user.update', 'user.reset_password']),
    );
  });
});

describe('role assignment policy', () => {
  const region = { kind: 'some' as const, unitIds: [], regionCodes: ['330402'], ownerId: null };
  const units = new Map([
    [1, { id: 1, region_code: '330402' }],
    [2, { id: 2, region_code: '330411' }],
  ]);
  it.each([
    [[{ role: 'admin', scope: 'all', scopeUnitIds: [] }], /全部/],
    [[{ role: 'nope', scope: 'own_unit', scopeUnitIds: [] }], /未知角色/],
    [[{ role: 'liaison', scope: 'custom_units', scopeUnitIds: [] }], /至少选择一个单位/],
    [[{ role: 'liaison', scope: 'own_unit', scopeUnitIds: [1] }], /只有“指定单位”/],
    [[{ role: 'liaison', scope: 'custom_units', scopeUnitIds: [2] }], /不在您的管理范围内/],
    [[{ role: 'liaison', scope: 'custom_units', scopeUnitIds: [9] }], /不存在/],
    [
      [
        { role: 'liaison', scope: 'own_unit', scopeUnitIds: [] },
        { role: 'liaison', scope: 'region', scopeUnitIds: [] },
      ],
      /重复/,
    ],
  ] as const)('%o → %s', (roles, message) => {
    const out = roleAssignmentProblems(
      region,
      roles.map((r) => ({ ...r, scopeUnitIds: [...r.scopeUnitIds] })),
      units,
    );
    expect(out.join('；')).toMatch(message);
  });
  it('allows what lies within the scope', () => {
    expect(
      roleAssignmentProblems(region, [{ role: 'liaison', scope: 'custom_units', scopeUnitIds: [1] }], units),
    ).toEqual([]);
    expect(
      roleAssignmentProblems({ kind: 'all' }, [{ role: 'admin', scope: 'all', scopeUnitIds: [] }], units),
    ).toEqual([]);
  });
});
