import { type Insertable, sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import { type PageRequest, readPage } from '../../db/paging.ts';
import type { CoordinationCommitmentTable } from '../../db/types.ts';
import { inScope, type UnitScope } from '../../platform/access/scope.ts';

// Commitments: proposed in replies, tracked once the letter is sent, urged and reported done.

const commitmentColumns = [
  'k.id',
  'k.request_id',
  'k.consultation_id',
  'k.department_id',
  'u.name as department_name',
  'u.region_code as department_region',
  'k.content',
  'k.due_days',
  'k.due_on',
  'k.status',
  'k.deadline_id',
  'k.urged_count',
  'k.last_urged_at',
  'k.done_at',
  'k.done_note',
  'k.version',
  'd.due_date',
  'd.yellow_from',
  'r.number as request_number',
  'r.project_name',
  'r.center_unit_id',
  'r.region_code',
] as const;

function commitmentQuery(db: Db) {
  return db
    .selectFrom('coordination_commitment as k')
    .innerJoin('unit as u', 'u.id', 'k.department_id')
    .innerJoin('coordination_request as r', 'r.id', 'k.request_id')
    .leftJoin('deadline as d', 'd.id', 'k.deadline_id')
    .select(commitmentColumns);
}

export function commitmentsOf(db: Db, requestId: number) {
  return commitmentQuery(db).where('k.request_id', '=', requestId).orderBy('k.id').execute();
}

export type CommitmentRow = Awaited<ReturnType<typeof commitmentsOf>>[number];

export interface CommitmentFilter {
  status?: 'open' | 'done' | 'overdue';
  requestId?: number;
  departmentId?: number;
  /** Newest first (keyset on id), or by due date (numbered pages only). */
  order?: 'recent' | 'due';
  after?: number;
  today: string;
}

/** The tracker: commitments owned by a unit in scope or of a request run by one. */
export function listCommitments(db: Db, scope: UnitScope, f: CommitmentFilter, p: PageRequest) {
  let q = commitmentQuery(db)
    .where('k.status', '!=', 'proposed')
    .where((eb) =>
      eb.or([
        inScope(eb, scope, { unit: 'k.department_id' }),
        inScope(eb, scope, { unit: 'r.center_unit_id' }),
      ]),
    );
  if (f.status === 'open') q = q.where('k.status', '=', 'open');
  if (f.status === 'done') q = q.where('k.status', '=', 'done');
  if (f.status === 'overdue') q = q.where('k.status', '=', 'open').where('d.due_date', '<', f.today);
  if (f.requestId) q = q.where('k.request_id', '=', f.requestId);
  if (f.departmentId) q = q.where('k.department_id', '=', f.departmentId);
  if (f.order === 'due') {
    return readPage(db, q, p, (q) => q.orderBy(sql`d.due_date nulls last`).orderBy('k.id'));
  }
  return readPage(
    db,
    q,
    p,
    (q) => (f.after ? q.where('k.id', '<', f.after) : q).orderBy('k.id', 'desc'),
    !!f.after,
  );
}

export function findCommitment(db: Db, scope: UnitScope, id: number) {
  return commitmentQuery(db)
    .where('k.id', '=', id)
    .where((eb) =>
      eb.or([
        inScope(eb, scope, { unit: 'k.department_id' }),
        inScope(eb, scope, { unit: 'r.center_unit_id' }),
      ]),
    )
    .executeTakeFirst();
}

/** Locks a tracked commitment for the rest of the transaction. */
export async function lockCommitment(db: Db, id: number) {
  await db.selectFrom('coordination_commitment').select('id').where('id', '=', id).forUpdate().execute();
}

export async function insertCommitments(db: Db, rows: Insertable<CoordinationCommitmentTable>[]) {
  if (rows.length) await db.insertInto('coordination_commitment').values(rows).execute();
}

export async function updateCommitment(
  db: Db,
  id: number,
  version: number,
  set: Partial<Insertable<CoordinationCommitmentTable>>,
) {
  const r = await db
    .updateTable('coordination_commitment')
    .set({ ...set, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Drops the proposed (unsent) commitments of some consultations of a request. */
export async function deleteProposedCommitments(
  db: Db,
  where: { consultationId: number } | { requestId: number; consultationIds: number[] },
) {
  let q = db.deleteFrom('coordination_commitment');
  q =
    'consultationId' in where
      ? q.where('consultation_id', '=', where.consultationId).where('status', '=', 'proposed')
      : q.where('request_id', '=', where.requestId).where('consultation_id', 'in', where.consultationIds);
  await q.execute();
}

export async function setCommitment(
  db: Db,
  id: number,
  set: Partial<Insertable<CoordinationCommitmentTable>>,
) {
  await db.updateTable('coordination_commitment').set(set).where('id', '=', id).execute();
}

export function insertCommitment(db: Db, row: Insertable<CoordinationCommitmentTable>) {
  return db.insertInto('coordination_commitment').values(row).returning('id').executeTakeFirstOrThrow();
}

/** Counts one more urging of an open commitment; false when it is no longer open. */
export async function countUrging(db: Db, id: number) {
  const r = await db
    .updateTable('coordination_commitment')
    .set((eb) => ({ urged_count: eb('urged_count', '+', 1), last_urged_at: new Date() }))
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function openCommitmentCount(db: Db, requestId: number) {
  const r = await db
    .selectFrom('coordination_commitment')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('request_id', '=', requestId)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
