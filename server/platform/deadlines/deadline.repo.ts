import { sql } from 'kysely';
import { warningLevelSql } from '../../../lib/warning.ts';
import type { Db } from '../../db/client.ts';
import { type PageRequest, readPage } from '../../db/paging.ts';
import type { DeadlineKind } from '../../db/types.ts';
import { inScope, type UnitScope } from '../access/scope.ts';

// The warning level in SQL comes from lib/warning.ts (the one rule), over a one-row `t.today`.
const LEVEL = sql.raw(warningLevelSql('t.today', 'deadline.due_date', 'deadline.yellow_from'));
const withToday = (today: string) => sql<{ today: string }>`(select ${today}::date as today)`.as('t');

export const deadlineColumns = [
  'id',
  'subject_type',
  'subject_id',
  'kind',
  'title',
  'region_code',
  'unit_id',
  'owner_user_id',
  'start_date',
  'limit_days',
  'day_unit',
  'yellow_override',
  'status',
  'due_date',
  'yellow_from',
  'provisional',
  'calendar_revision',
  'done_on',
  'version',
] as const;

export interface DeadlineRowInput {
  subject_type: string;
  subject_id: string;
  kind: DeadlineKind;
  title: string;
  region_code: string;
  unit_id: number;
  owner_user_id: number | null;
  start_date: string;
  limit_days: number;
  day_unit: 'working' | 'natural';
  yellow_override: number | null;
  due_date: string | null;
  yellow_from: string | null;
  provisional: boolean;
  calendar_revision: number;
}

export function insertDeadline(db: Db, row: DeadlineRowInput) {
  return db.insertInto('deadline').values(row).returning(deadlineColumns).executeTakeFirstOrThrow();
}

export function findDeadline(db: Db, scope: UnitScope, id: number) {
  return db
    .selectFrom('deadline')
    .select(deadlineColumns)
    .where('id', '=', id)
    .where((eb) => inScope(eb, scope, { unit: 'deadline.unit_id', owner: 'deadline.owner_user_id' }))
    .executeTakeFirst();
}

/** For the change that already holds the deadline's id from a scoped read: lock it for update. */
export function lockDeadline(db: Db, id: number) {
  return db
    .selectFrom('deadline')
    .select(deadlineColumns)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export interface DeadlineFilter {
  level?: 'green' | 'yellow' | 'red';
  /** Default open; `all` lists every status. */
  status?: 'open' | 'done' | 'cancelled' | 'all';
  unitId?: number;
  today: string;
  after?: number;
}

/** Deadlines in scope with their warning level today, in id order. */
export function listDeadlines(db: Db, scope: UnitScope, f: DeadlineFilter, p: PageRequest) {
  let q = db
    .selectFrom('deadline')
    .innerJoin(withToday(f.today), (j) => j.onTrue())
    .select(deadlineColumns.map((c) => `deadline.${c}` as const))
    .select(sql<'green' | 'yellow' | 'red'>`${LEVEL}`.as('level'))
    .where((eb) => inScope(eb, scope, { unit: 'deadline.unit_id', owner: 'deadline.owner_user_id' }));
  if (f.status !== 'all') q = q.where('deadline.status', '=', f.status ?? 'open');
  if (f.unitId) q = q.where('deadline.unit_id', '=', f.unitId);
  if (f.level) q = q.where(sql`${LEVEL}`, '=', f.level);
  return readPage(
    db,
    q,
    p,
    (q) => (f.after ? q.where('deadline.id', '>', f.after) : q).orderBy('deadline.id'),
    !!f.after,
  );
}

export function suspensionsOf(db: Db, deadlineIds: number[]) {
  if (!deadlineIds.length) return Promise.resolve([]);
  return db
    .selectFrom('deadline_suspension')
    .select(['id', 'deadline_id', 'kind', 'from_date', 'to_date', 'reason', 'created_by', 'created_at'])
    .where('deadline_id', 'in', deadlineIds)
    .orderBy('from_date')
    .execute();
}

export function extensionsOf(db: Db, deadlineIds: number[]) {
  if (!deadlineIds.length) return Promise.resolve([]);
  return db
    .selectFrom('deadline_extension')
    .select(['id', 'deadline_id', 'days', 'reason', 'created_by', 'created_at'])
    .where('deadline_id', 'in', deadlineIds)
    .orderBy('id')
    .execute();
}

export function insertExtension(
  db: Db,
  row: { deadline_id: number; days: number; reason: string; created_by: number | null },
) {
  return db.insertInto('deadline_extension').values(row).returning('id').executeTakeFirstOrThrow();
}

export function insertSuspension(
  db: Db,
  row: { deadline_id: number; kind: string; from_date: string; reason: string; created_by: number | null },
) {
  return db.insertInto('deadline_suspension').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function closeOpenSuspension(db: Db, deadlineId: number, toDate: string): Promise<boolean> {
  const r = await db
    .updateTable('deadline_suspension')
    .set({ to_date: toDate })
    .where('deadline_id', '=', deadlineId)
    .where('to_date', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function changesOf(db: Db, deadlineId: number) {
  return db
    .selectFrom('deadline_change')
    .select(['at', 'old_due', 'new_due', 'old_provisional', 'new_provisional', 'reason', 'calendar_revision'])
    .where('deadline_id', '=', deadlineId)
    .orderBy('id')
    .execute();
}

/** Open deadlines of some regions in id order, a page at a time (recomputation of 100,000s). */
export function openDeadlinesPage(db: Db, regionCodes: string[] | null, afterId: number, limit: number) {
  let q = db
    .selectFrom('deadline')
    .select(deadlineColumns)
    .where('status', '=', 'open')
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit);
  if (regionCodes) q = q.where('region_code', 'in', regionCodes);
  return q.execute();
}

export interface StoredDates {
  id: number;
  due_date: string | null;
  yellow_from: string | null;
  provisional: boolean;
}

/** Writes recomputed dates for many deadlines in one statement. */
export async function updateDates(db: Db, rows: StoredDates[], revision: number) {
  if (!rows.length) return;
  const values = sql.join(
    rows.map(
      (r) => sql`(${r.id}::bigint, ${r.due_date}::date, ${r.yellow_from}::date, ${r.provisional}::boolean)`,
    ),
  );
  await sql`
    update deadline d set due_date = v.due_date, yellow_from = v.yellow_from, provisional = v.provisional,
      calendar_revision = ${revision}, version = d.version + 1, updated_at = now()
    from (values ${values}) as v(id, due_date, yellow_from, provisional)
    where d.id = v.id`.execute(db);
}

export async function insertChanges(
  db: Db,
  rows: {
    deadline_id: number;
    old_due: string | null;
    new_due: string | null;
    old_provisional: boolean;
    new_provisional: boolean;
    reason: string;
    calendar_revision: number;
  }[],
) {
  if (rows.length) await db.insertInto('deadline_change').values(rows).execute();
}

export async function setStatus(db: Db, id: number, status: 'done' | 'cancelled', doneOn: string) {
  await db
    .updateTable('deadline')
    .set({ status, done_on: doneOn, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

/** Open deadlines that are yellow or red today, for the sweep. */
export function warnableDeadlines(db: Db, today: string, afterId: number, limit: number) {
  return (
    db
      .selectFrom('deadline')
      .innerJoin(withToday(today), (j) => j.onTrue())
      .select([
        'deadline.id',
        'deadline.title',
        'deadline.unit_id',
        'deadline.owner_user_id',
        'deadline.due_date',
      ])
      .select(sql<'yellow' | 'red'>`${LEVEL}`.as('level'))
      .where('deadline.status', '=', 'open')
      .where(sql`${LEVEL}`, '<>', 'green')
      // Index-friendly pre-filter implied by the level rule (a level above green needs one of these).
      .where((eb) => eb.or([eb('deadline.yellow_from', '<=', today), eb('deadline.due_date', '<', today)]))
      .where('deadline.id', '>', afterId)
      .orderBy('deadline.id')
      .limit(limit)
      .execute()
  );
}

export async function countOpen(db: Db): Promise<number> {
  const r = await db
    .selectFrom('deadline')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
