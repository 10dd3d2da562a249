import type { Insertable } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { CoordinationEscalationTable, LadderLevel } from '../../db/types.ts';

// The escalation ladder: a region's configuration and the steps each request climbs.

export function ladderStepsOf(db: Db, requestId: number) {
  return db
    .selectFrom('coordination_escalation as e')
    .innerJoin('unit as u', 'u.id', 'e.to_unit_id')
    .leftJoin('app_user as a', 'a.id', 'e.escalated_by')
    .leftJoin('deadline as d', 'd.id', 'e.deadline_id')
    .select([
      'e.id',
      'e.from_level',
      'e.to_level',
      'e.to_unit_id',
      'u.name as to_unit_name',
      'e.reason',
      'a.display_name as escalated_by_name',
      'e.deadline_id',
      'e.at',
      'd.due_date',
      'd.yellow_from',
      'd.status as deadline_status',
      'd.limit_days',
    ])
    .where('e.request_id', '=', requestId)
    .orderBy('e.id')
    .execute();
}

export function regionLadder(db: Db, regionCode: string) {
  return db
    .selectFrom('escalation_step')
    .select(['level', 'limit_days', 'required', 'version', 'updated_at'])
    .where('region_code', '=', regionCode)
    .execute();
}

/** Locks the region (its ladder changes as a whole) and returns the ladder's version (0: default). */
export async function lockLadder(db: Db, regionCode: string) {
  await db.selectFrom('region').select('code').where('code', '=', regionCode).forUpdate().executeTakeFirst();
  const rows = await regionLadder(db, regionCode);
  return Math.max(0, ...rows.map((r) => r.version));
}

/** Saves the region's ladder as a whole at the next version (the region row is locked by lockLadder). */
export async function upsertLadderSteps(
  db: Db,
  regionCode: string,
  version: number,
  by: number | null,
  steps: { level: LadderLevel; limitDays: number; required: string[] }[],
) {
  for (const s of steps) {
    const values = { limit_days: s.limitDays, required: s.required, version, updated_by: by };
    await db
      .insertInto('escalation_step')
      .values({ region_code: regionCode, level: s.level, ...values })
      .onConflict((oc) =>
        oc.columns(['region_code', 'level']).doUpdateSet({ ...values, updated_at: new Date() }),
      )
      .execute();
  }
}

export function insertEscalation(db: Db, row: Insertable<CoordinationEscalationTable>) {
  return db.insertInto('coordination_escalation').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function setEscalationDeadline(db: Db, id: number, deadlineId: number) {
  await db
    .updateTable('coordination_escalation')
    .set({ deadline_id: deadlineId })
    .where('id', '=', id)
    .execute();
}

/** The open deadlines of a request's ladder steps (closed when the level acts). */
export function openStepDeadlines(db: Db, requestId: number) {
  return db
    .selectFrom('coordination_escalation as e')
    .innerJoin('deadline as d', 'd.id', 'e.deadline_id')
    .select('d.id')
    .where('e.request_id', '=', requestId)
    .where('d.status', '=', 'open')
    .execute();
}
