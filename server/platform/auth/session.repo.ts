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
  return db
    .selectFrom('session')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .where('last_seen_at', '>', sql<Date>`now() - make_interval(mins => ${idleMinutes})`)
    .executeTakeFirst();
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

export async function loadStaff(db: Db, id: number) {
  const user = await db
    .selectFrom('app_user as u')
    .innerJoin('unit as un', 'un.id', 'u.unit_id')
    .innerJoin('region as r', 'r.code', 'un.region_code')
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.unit_id',
      'u.enabled',
      'u.must_change_password',
      'u.totp_enabled_at',
      'un.name as unit_name',
      'un.region_code',
      'r.level as region_level',
    ])
    .where('u.id', '=', id)
    .executeTakeFirst();
  if (!user) return undefined;
  const grants = await db
    .selectFrom('role_assignment')
    .select(['role', 'scope', 'scope_unit_ids'])
    .where('user_id', '=', id)
    .orderBy('role')
    .execute();
  const children =
    user.region_level === 'city'
      ? await db.selectFrom('region').select('code').where('parent_code', '=', user.region_code).execute()
      : [];
  const totpRoles = grants.length
    ? await db
        .selectFrom('role_policy')
        .select('role')
        .where('totp_required', '=', true)
        .where(
          'role',
          'in',
          grants.map((g) => g.role),
        )
        .execute()
    : [];
  return {
    user,
    totpRequired: totpRoles.length > 0,
    grants: grants.map(
      (g): RoleGrant => ({ role: g.role, scope: g.scope, scopeUnitIds: g.scope_unit_ids.map(Number) }),
    ),
    visibleRegionCodes: [user.region_code, ...children.map((c) => c.code)],
  };
}

export async function loadEnterprise(db: Db, id: number) {
  return db
    .selectFrom('enterprise')
    .select(['id', 'username', 'name', 'uscc', 'region_code', 'enabled', 'must_change_password'])
    .where('id', '=', id)
    .executeTakeFirst();
}
