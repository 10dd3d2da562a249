import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import { containing, type PageRequest, readPage } from '../../db/paging.ts';
import type { UnitKind } from '../../db/types.ts';
import { inScope, type UnitScope } from '../../platform/access/scope.ts';

export function listRegions(db: Db) {
  return db.selectFrom('region').select(['code', 'name', 'parent_code', 'level']).orderBy('code').execute();
}

export function insertRegion(
  db: Db,
  row: { code: string; name: string; parent_code: string; level: 'county' },
) {
  return db
    .insertInto('region')
    .values(row)
    .returning(['code', 'name', 'parent_code', 'level'])
    .executeTakeFirstOrThrow();
}

export function findRegion(db: Db, code: string) {
  return db
    .selectFrom('region')
    .select(['code', 'level', 'parent_code'])
    .where('code', '=', code)
    .executeTakeFirst();
}

const unitColumns = [
  'id',
  'region_code',
  'kind',
  'name',
  'short_name',
  'uscc',
  'enabled',
  'version',
  'created_at',
  'updated_at',
] as const;

export interface UnitFilter {
  regionCode?: string;
  kind?: UnitKind;
  q?: string;
  after?: number;
}

export function listUnits(db: Db, scope: UnitScope, f: UnitFilter, p: PageRequest) {
  let q = db
    .selectFrom('unit')
    .select(unitColumns)
    .where((eb) => inScope(eb, scope, { unit: 'unit.id' }));
  if (f.regionCode) q = q.where('region_code', '=', f.regionCode);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.q) q = q.where('name', 'like', containing(f.q));
  return readPage(db, q, p, (q) => (f.after ? q.where('id', '>', f.after) : q).orderBy('id'), !!f.after);
}

export function findUnit(db: Db, scope: UnitScope, id: number) {
  return db
    .selectFrom('unit')
    .select(unitColumns)
    .where('id', '=', id)
    .where((eb) => inScope(eb, scope, { unit: 'unit.id' }))
    .executeTakeFirst();
}

export function insertUnit(
  db: Db,
  row: { region_code: string; kind: UnitKind; name: string; short_name: string | null; uscc: string | null },
) {
  return db.insertInto('unit').values(row).returning(unitColumns).executeTakeFirstOrThrow();
}

/** Updates only when the stored version is the one the client saw; undefined otherwise. */
export function updateUnit(
  db: Db,
  id: number,
  version: number,
  patch: {
    name?: string;
    short_name?: string | null;
    uscc?: string | null;
    enabled?: boolean;
    kind?: UnitKind;
  },
) {
  return db
    .updateTable('unit')
    .set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning(unitColumns)
    .executeTakeFirst();
}
