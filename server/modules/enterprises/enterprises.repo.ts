import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import { containing, type PageRequest, readPage } from '../../db/paging.ts';
import { inRegionScope, type UnitScope } from '../../platform/access/scope.ts';

const columns = [
  'id',
  'uscc',
  'name',
  'legal_representative',
  'region_code',
  'username',
  'enabled',
  'must_change_password',
  'version',
  'created_at',
] as const;

export interface EnterpriseFilter {
  q?: string;
  regionCode?: string;
  after?: number;
}

export function listEnterprises(db: Db, scope: UnitScope, f: EnterpriseFilter, p: PageRequest) {
  let q = db
    .selectFrom('enterprise')
    .select(columns)
    .where((eb) => inRegionScope(eb, scope, 'enterprise.region_code'));
  if (f.regionCode) q = q.where('region_code', '=', f.regionCode);
  if (f.q) {
    const like = containing(f.q);
    q = q.where((eb) => eb.or([eb('name', 'like', like), eb('uscc', 'like', like)]));
  }
  return readPage(db, q, p, (q) => (f.after ? q.where('id', '>', f.after) : q).orderBy('id'), !!f.after);
}

export function findEnterprise(db: Db, scope: UnitScope, id: number) {
  return db
    .selectFrom('enterprise')
    .select(columns)
    .where('id', '=', id)
    .where((eb) => inRegionScope(eb, scope, 'enterprise.region_code'))
    .executeTakeFirst();
}

export function insertEnterprise(
  db: Db,
  row: {
    uscc: string;
    name: string;
    legal_representative: string;
    region_code: string;
    username: string;
    password_hash: string;
  },
) {
  return db
    .insertInto('enterprise')
    .values({ ...row, must_change_password: true })
    .returning(columns)
    .executeTakeFirstOrThrow();
}

export function updateEnterprise(
  db: Db,
  id: number,
  version: number,
  patch: {
    name?: string;
    legal_representative?: string;
    enabled?: boolean;
    password_hash?: string;
    must_change_password?: boolean;
  },
) {
  return db
    .updateTable('enterprise')
    .set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning(columns)
    .executeTakeFirst();
}
