import type { Db } from '../../db/client.ts';

export function overridesOf(db: Db, regionCodes: string[]) {
  return db
    .selectFrom('calendar_override')
    .select(['region_code', 'date', 'kind', 'reason', 'created_by', 'created_at'])
    .where('region_code', 'in', regionCodes)
    .orderBy('date')
    .execute();
}

export function insertOverride(
  db: Db,
  row: {
    region_code: string;
    date: string;
    kind: 'closure' | 'workday';
    reason: string;
    created_by: number | null;
  },
) {
  return db.insertInto('calendar_override').values(row).returningAll().executeTakeFirstOrThrow();
}

export function deleteOverride(db: Db, regionCode: string, date: string) {
  return db
    .deleteFrom('calendar_override')
    .where('region_code', '=', regionCode)
    .where('date', '=', date)
    .returningAll()
    .executeTakeFirst();
}

export function regionWithChildren(db: Db, code: string) {
  return db
    .selectFrom('region')
    .select(['code', 'level'])
    .where((eb) => eb.or([eb('code', '=', code), eb('parent_code', '=', code)]))
    .execute();
}
