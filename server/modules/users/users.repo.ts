import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import { containing, type PageRequest, readPage } from '../../db/paging.ts';
import type { DataScope } from '../../db/types.ts';
import { inScope, type UnitScope } from '../../platform/access/scope.ts';

export interface UserFilter {
  unitId?: number;
  q?: string;
  role?: string;
  enabled?: boolean;
  after?: number;
}

const columns = [
  'u.id',
  'u.username',
  'u.display_name',
  'u.unit_id',
  'un.name as unit_name',
  'un.region_code',
  'u.enabled',
  'u.must_change_password',
  'u.version',
  'u.created_at',
  'u.updated_at',
] as const;

function base(db: Db, scope: UnitScope) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('unit as un', 'un.id', 'u.unit_id')
    .where((eb) => inScope(eb, scope, { unit: 'u.unit_id', owner: 'u.id' }));
}

export function listUsers(db: Db, scope: UnitScope, f: UserFilter, p: PageRequest) {
  let q = base(db, scope).select(columns);
  if (f.unitId) q = q.where('u.unit_id', '=', f.unitId);
  if (f.enabled !== undefined) q = q.where('u.enabled', '=', f.enabled);
  if (f.q) {
    const like = containing(f.q);
    q = q.where((eb) => eb.or([eb('u.username', 'like', like), eb('u.display_name', 'like', like)]));
  }
  if (f.role) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('role_assignment as r')
          .select('r.id')
          .whereRef('r.user_id', '=', 'u.id')
          .where('r.role', '=', f.role!),
      ),
    );
  }
  return readPage(db, q, p, (q) => (f.after ? q.where('u.id', '>', f.after) : q).orderBy('u.id'), !!f.after);
}

export function findUser(db: Db, scope: UnitScope, id: number) {
  return base(db, scope).select(columns).where('u.id', '=', id).executeTakeFirst();
}

export function rolesOf(db: Db, userIds: number[]) {
  if (!userIds.length) return Promise.resolve([]);
  return db
    .selectFrom('role_assignment')
    .select(['user_id', 'role', 'scope', 'scope_unit_ids'])
    .where('user_id', 'in', userIds)
    .orderBy('role')
    .execute();
}

export function unitRegion(db: Db, unitId: number) {
  return db.selectFrom('unit').select(['id', 'region_code']).where('id', '=', unitId).executeTakeFirst();
}

export function unitsRegions(db: Db, unitIds: number[]) {
  if (!unitIds.length) return Promise.resolve([]);
  return db.selectFrom('unit').select(['id', 'region_code']).where('id', 'in', unitIds).execute();
}

export async function insertUser(
  db: Db,
  row: { username: string; displayName: string; unitId: number; passwordHash: string },
) {
  return db
    .insertInto('app_user')
    .values({
      username: row.username,
      display_name: row.displayName,
      unit_id: row.unitId,
      password_hash: row.passwordHash,
      must_change_password: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function replaceRoles(
  db: Db,
  userId: number,
  roles: { role: string; scope: DataScope; scopeUnitIds: number[] }[],
) {
  await db.deleteFrom('role_assignment').where('user_id', '=', userId).execute();
  if (roles.length) {
    await db
      .insertInto('role_assignment')
      .values(
        roles.map((r) => ({ user_id: userId, role: r.role, scope: r.scope, scope_unit_ids: r.scopeUnitIds })),
      )
      .execute();
  }
}

/** Bumps the version only when it still is the one the client saw. */
export function updateUser(
  db: Db,
  id: number,
  version: number,
  patch: {
    display_name?: string;
    unit_id?: number;
    enabled?: boolean;
    password_hash?: string;
    must_change_password?: boolean;
  },
) {
  return db
    .updateTable('app_user')
    .set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning(['id', 'version'])
    .executeTakeFirst();
}

export async function clearAccountThrottle(db: Db, username: string) {
  await db.deleteFrom('login_throttle').where('key', '=', `account:staff:${username}`).execute();
}
