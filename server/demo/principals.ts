import type { Db } from '../db/client.ts';
import type { Principal } from '../platform/access/scope.ts';
import { type Actor, actorOf } from '../platform/audit/audit.ts';
import type { SecretBox } from '../platform/crypto/secrets.ts';

// Demo data is made through the same services a user drives, acting as the demo users.

/** The principal of a demo user, as a login would build it. */
export async function principal(db: Db, username: string): Promise<Principal> {
  if (username.startsWith('ent.')) {
    const e = await db
      .selectFrom('enterprise')
      .select(['id', 'username', 'name', 'uscc', 'region_code'])
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    return {
      kind: 'enterprise',
      id: Number(e.id),
      username: e.username,
      displayName: e.name,
      uscc: e.uscc,
      regionCode: e.region_code,
      mustChangePassword: false,
      sessionHash: 'demo',
    };
  }
  const u = await db
    .selectFrom('app_user as a')
    .innerJoin('unit as un', 'un.id', 'a.unit_id')
    .select(['a.id', 'a.username', 'a.display_name', 'a.unit_id', 'un.name as unit_name', 'un.region_code'])
    .where('a.username', '=', username)
    .executeTakeFirstOrThrow();
  const grants = await db
    .selectFrom('role_assignment')
    .select(['role', 'scope', 'scope_unit_ids'])
    .where('user_id', '=', u.id)
    .execute();
  const children = await db
    .selectFrom('region')
    .select('code')
    .where('parent_code', '=', u.region_code)
    .execute();
  return {
    kind: 'staff',
    id: Number(u.id),
    username: u.username,
    displayName: u.display_name,
    unitId: Number(u.unit_id),
    unitName: u.unit_name,
    regionCode: u.region_code,
    visibleRegionCodes: [u.region_code, ...children.map((c) => c.code)],
    grants: grants.map((g) => ({ role: g.role, scope: g.scope, scopeUnitIds: g.scope_unit_ids.map(Number) })),
    mustChangePassword: false,
    mustEnrolTotp: false,
    totpEnabled: false,
    sessionHash: 'demo',
  };
}

/** What a service needs to act as a demo user. */
export async function demoCtx(
  db: Db,
  secrets: SecretBox,
  username: string,
): Promise<{ db: Db; secrets: SecretBox; principal: Principal; actor: Actor }> {
  const p = await principal(db, username);
  return { db, secrets, principal: p, actor: actorOf(p) };
}
