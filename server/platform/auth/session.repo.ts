import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { RoleGrant } from '../access/scope.ts';

export async function insertSession(
  db: Db,
  row: {
    tokenHash: string;
    kind: 'staff' | 'enterprise';
    principalId: number;
    expiresAt: Date;
    ip: string;
    userAgent: string;
  },
) {
  await db
    .insertInto('session')
    .values({
      token_hash: row.tokenHash,
      principal_kind: row.kind,
      principal_id: row.principalId,
      expires_at: row.expiresAt,
      ip: row.ip,
      user_agent: row.userAgent,
    })
    .execute();
}

/** A session that is neither revoked, past its absolute lifetime, nor idle too long. */
export async function findLiveSession(db: Db, tokenHash: string, idleMinutes: number) {
  return (
    db
      .selectFrom('session')
      .select(['principal_kind', 'principal_id'])
      // last_seen_at is refreshed at most every 30 s: most requests read without writing.
      .select(sql<boolean>`last_seen_at < now() - interval '30 seconds'`.as('stale'))
      .where('token_hash', '=', tokenHash)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', sql<Date>`now()`)
      .where('last_seen_at', '>', sql<Date>`now() - make_interval(mins => ${idleMinutes})`)
      .executeTakeFirst()
  );
}

export async function touchSession(db: Db, tokenHash: string) {
  await db
    .updateTable('session')
    .set({ last_seen_at: sql`now()` })
    .where('token_hash', '=', tokenHash)
    .where('last_seen_at', '<', sql<Date>`now() - interval '30 seconds'`)
    .execute();
}

export async function revokeSessions(
  db: Db,
  where: { tokenHash?: string; kind?: 'staff' | 'enterprise'; principalId?: number },
) {
  let q = db.updateTable('session').set({ revoked_at: sql`now()` }).where('revoked_at', 'is', null);
  if (where.tokenHash) q = q.where('token_hash', '=', where.tokenHash);
  if (where.kind && where.principalId !== undefined) {
    q = q.where('principal_kind', '=', where.kind).where('principal_id', '=', where.principalId);
  }
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The staff principal in one round trip: user, unit, grants, visible regions, TOTP policy. */
export async function loadStaff(db: Db, id: number) {
  const r = await sql<{
    id: number;
    username: string;
    display_name: string;
    unit_id: number;
    enabled: boolean;
    must_change_password: boolean;
    totp_enabled_at: Date | null;
    unit_name: string;
    region_code: string;
    child_regions: string[];
    grants: { role: string; scope: RoleGrant['scope']; ids: number[] }[];
    totp_required: boolean;
  }>`
    select u.id, u.username, u.display_name, u.unit_id, u.enabled, u.must_change_password, u.totp_enabled_at,
      un.name as unit_name, un.region_code,
      array(select c.code from region c where c.parent_code = un.region_code order by c.code) as child_regions,
      coalesce((select json_agg(json_build_object('role', a.role, 'scope', a.scope, 'ids', a.scope_unit_ids) order by a.role)
        from role_assignment a where a.user_id = u.id), '[]'::json) as grants,
      exists(select 1 from role_assignment a join role_policy p on p.role = a.role and p.totp_required
        where a.user_id = u.id) as totp_required
    from app_user u join unit un on un.id = u.unit_id
    where u.id = ${id}`.execute(db);
  const user = r.rows[0];
  if (!user) return undefined;
  return {
    user,
    totpRequired: user.totp_required,
    grants: user.grants.map(
      (g): RoleGrant => ({ role: g.role, scope: g.scope, scopeUnitIds: g.ids.map(Number) }),
    ),
    visibleRegionCodes: [user.region_code, ...user.child_regions],
  };
}

export async function loadEnterprise(db: Db, id: number) {
  return db
    .selectFrom('enterprise')
    .select(['id', 'username', 'name', 'uscc', 'region_code', 'enabled', 'must_change_password'])
    .where('id', '=', id)
    .executeTakeFirst();
}
