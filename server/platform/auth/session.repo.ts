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

/**
 * A live session (neither revoked, past its absolute lifetime, nor idle too long) and, for a staff
 * session, the whole principal in the same round trip: user, unit, grants, visible regions, TOTP
 * policy. Every authenticated request runs this, so it is one query.
 */
export async function loadSession(db: Db, tokenHash: string, idleMinutes: number) {
  const r = await sql<{
    principal_kind: 'staff' | 'enterprise';
    principal_id: number;
    stale: boolean;
    id: number | null;
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
  }>`/* prepared:load_session */
    select s.principal_kind, s.principal_id,
      -- last_seen_at is refreshed at most every 30 s: most requests read without writing.
      s.last_seen_at < now() - interval '30 seconds' as stale,
      u.id, u.username, u.display_name, u.unit_id, u.enabled, u.must_change_password, u.totp_enabled_at,
      un.name as unit_name, un.region_code,
      array(select c.code from region c where c.parent_code = un.region_code order by c.code) as child_regions,
      coalesce((select json_agg(json_build_object('role', a.role, 'scope', a.scope, 'ids', a.scope_unit_ids) order by a.role)
        from role_assignment a where a.user_id = u.id), '[]'::json) as grants,
      exists(select 1 from role_assignment a join role_policy p on p.role = a.role and p.totp_required
        where a.user_id = u.id) as totp_required
    from session s
    left join app_user u on s.principal_kind = 'staff' and u.id = s.principal_id
    left join unit un on un.id = u.unit_id
    where s.token_hash = ${tokenHash} and s.revoked_at is null and s.expires_at > now()
      and s.last_seen_at > now() - make_interval(mins => ${idleMinutes})`.execute(db);
  const row = r.rows[0];
  if (!row) return undefined;
  const session = { kind: row.principal_kind, principalId: Number(row.principal_id), stale: row.stale };
  if (row.principal_kind !== 'staff' || row.id === null) return { session, staff: undefined };
  return {
    session,
    staff: {
      user: row,
      totpRequired: row.totp_required,
      grants: row.grants.map(
        (g): RoleGrant => ({ role: g.role, scope: g.scope, scopeUnitIds: g.ids.map(Number) }),
      ),
      visibleRegionCodes: [row.region_code, ...row.child_regions],
    },
  };
}

export async function loadEnterprise(db: Db, id: number) {
  return db
    .selectFrom('enterprise')
    .select(['id', 'username', 'name', 'uscc', 'region_code', 'enabled', 'must_change_password'])
    .where('id', '=', id)
    .executeTakeFirst();
}
