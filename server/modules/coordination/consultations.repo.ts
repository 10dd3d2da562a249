import { type Insertable, sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { ConsultationTable, DB } from '../../db/types.ts';
import { inScope, type UnitScope } from '../../platform/access/scope.ts';

// Written consultations: the department's queue, a consultation in the reader's scope, replies,
// and the overdue sweep's candidates.

const consultationColumns = [
  'c.id',
  'c.request_id',
  'c.department_id',
  'u.name as department_name',
  'u.region_code as department_region',
  'c.questions',
  'c.reply_by',
  'c.deadline_id',
  'c.document_id',
  'c.status',
  'c.overdue_at',
  'c.stance',
  'c.opinion',
  'c.legal_basis',
  'c.conditions',
  'c.drafted_at',
  'c.signed_at',
  'c.late',
  'c.version',
  'c.created_at',
  'd.due_date',
  'd.yellow_from',
  'd.status as deadline_status',
  'da.display_name as drafted_by_name',
  'sa.display_name as signed_by_name',
] as const;

function consultationQuery(db: Db) {
  return db
    .selectFrom('consultation as c')
    .innerJoin('unit as u', 'u.id', 'c.department_id')
    .leftJoin('deadline as d', 'd.id', 'c.deadline_id')
    .leftJoin('app_user as da', 'da.id', 'c.drafted_by')
    .leftJoin('app_user as sa', 'sa.id', 'c.signed_by')
    .select(consultationColumns);
}

export function consultationsOf(db: Db, requestId: number) {
  return consultationQuery(db).where('c.request_id', '=', requestId).orderBy('c.id').execute();
}

export type ConsultationRow = Awaited<ReturnType<typeof consultationsOf>>[number];

/** A consultation the reader may see: addressed to a unit in scope, or of a request it runs. */
export function findConsultation(db: Db, scope: UnitScope, id: number) {
  return consultationQuery(db)
    .innerJoin('coordination_request as r', 'r.id', 'c.request_id')
    .select(['r.number as request_number', 'r.project_name', 'r.state as request_state', 'r.center_unit_id'])
    .where('c.id', '=', id)
    .where((eb) =>
      eb.or([
        inScope(eb, scope, { unit: 'c.department_id' }),
        inScope(eb, scope, { unit: 'r.center_unit_id' }),
      ]),
    )
    .executeTakeFirst();
}

/** The department workbench: consultations addressed to units in scope, unanswered first. */
export function departmentConsultations(db: Db, scope: UnitScope, status: 'open' | 'all', limit: number) {
  let q = consultationQuery(db)
    .innerJoin('coordination_request as r', 'r.id', 'c.request_id')
    .select(['r.number as request_number', 'r.project_name', 'r.state as request_state', 'r.center_unit_id'])
    .where((eb) => inScope(eb, scope, { unit: 'c.department_id' }))
    .orderBy(sql`case when c.status = 'answered' then 1 else 0 end`)
    .orderBy('c.reply_by')
    .orderBy('c.id')
    .limit(limit);
  if (status === 'open') q = q.where('c.status', '!=', 'answered').where('r.state', '=', 'consulting');
  return q.execute();
}

export async function updateConsultation(
  db: Db,
  id: number,
  version: number,
  set: Partial<Insertable<DB['consultation']>>,
) {
  const r = await db
    .updateTable('consultation')
    .set({ ...set, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Unanswered consultations past their reply date not yet marked overdue (the system sweep). */
export function overdueConsultations(db: Db, on: string) {
  return db
    .selectFrom('consultation as c')
    .innerJoin('coordination_request as r', 'r.id', 'c.request_id')
    .innerJoin('unit as u', 'u.id', 'c.department_id')
    .innerJoin('deadline as d', 'd.id', 'c.deadline_id')
    .select([
      'c.id',
      'c.request_id',
      'd.due_date as reply_by',
      'u.name as department_name',
      'r.number',
      'r.project_name',
      'r.center_unit_id',
      'r.region_code',
    ])
    .where('c.status', '!=', 'answered')
    .where('c.overdue_at', 'is', null)
    .where('d.status', '=', 'open')
    .where('d.due_date', '<', on)
    .where('r.state', '=', 'consulting')
    .execute();
}

/** The open reply deadlines of a request's consultations (cancelled when it is decided or closed). */
export function openConsultationDeadlines(db: Db, requestId: number) {
  return db
    .selectFrom('consultation as c')
    .innerJoin('deadline as d', 'd.id', 'c.deadline_id')
    .select('d.id')
    .where('c.request_id', '=', requestId)
    .where('d.status', '=', 'open')
    .execute();
}

export function insertConsultation(db: Db, row: Insertable<ConsultationTable>) {
  return db.insertInto('consultation').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function linkConsultation(db: Db, id: number, deadlineId: number, documentId: number) {
  await db
    .updateTable('consultation')
    .set({ deadline_id: deadlineId, document_id: documentId })
    .where('id', '=', id)
    .execute();
}

/** Consultations of a request not yet answered (signed). */
export async function unansweredCount(db: Db, requestId: number) {
  const r = await db
    .selectFrom('consultation')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('request_id', '=', requestId)
    .where('status', '!=', 'answered')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Marks a consultation overdue once; false when it was answered or already marked. */
export async function markConsultationOverdue(db: Db, id: number) {
  const r = await db
    .updateTable('consultation')
    .set({ overdue_at: new Date() })
    .where('status', '!=', 'answered')
    .where('id', '=', id)
    .where('overdue_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
