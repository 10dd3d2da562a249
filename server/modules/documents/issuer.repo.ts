import type { Db } from '../../db/client.ts';

/** The issuing unit's names; the caller has already checked it may issue for this unit. */
export function unitForIssue(db: Db, unitId: number) {
  return db
    .selectFrom('unit')
    .select(['id', 'name', 'short_name', 'region_code'])
    .where('id', '=', unitId)
    .executeTakeFirst();
}
