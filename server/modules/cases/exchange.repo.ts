import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';

/** The job kind that posts a batch to the upstream platform. */
export const EXCHANGE_SEND_JOB = 'exchange.send';

/** The region's last exported step and batch number (0 before the first batch). */
export async function lastBatch(db: Db, regionCode: string) {
  const row = await db
    .selectFrom('exchange_batch')
    .select(['seq', 'to_step_id'])
    .where('region_code', '=', regionCode)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return { seq: row?.seq ?? 0, stepId: Number(row?.to_step_id ?? 0) };
}

/**
 * Serialises batch creation per region: the next batch starts where the last one ended. The share
 * lock waits for case writes in flight, so no step with a lower id can commit after the batch
 * has read past it (identity ids are taken before commit, not in commit order).
 */
export async function lockRegionBatches(db: Db, regionCode: string) {
  await sql`select pg_advisory_xact_lock(hashtext(${`exchange:${regionCode}`}))`.execute(db);
  await sql`lock table case_step in share mode`.execute(db);
}

/** The region's case steps after `afterStepId`, with what the exchange tables need (at most `limit`). */
export function stepsAfter(db: Db, regionCode: string, afterStepId: number, limit: number) {
  return (
    db
      .selectFrom('case_step as s')
      .innerJoin('service_case as c', 'c.id', 's.case_id')
      .innerJoin('service_item_version as v', 'v.id', 'c.item_version_id')
      .innerJoin('unit as d', 'd.id', 'c.department_id')
      .leftJoin('unit as su', 'su.id', 's.unit_id')
      .leftJoin('app_user as u', 'u.id', 's.actor_user_id')
      .leftJoin('enterprise as e', 'e.id', 's.actor_enterprise_id')
      // The region's service center (the first one, should a region have two) accepts its cases.
      .leftJoinLateral(
        (eb) =>
          eb
            .selectFrom('unit as cu')
            .select(['cu.name', 'cu.uscc'])
            .whereRef('cu.region_code', '=', 'c.region_code')
            .where('cu.kind', '=', 'center')
            .orderBy('cu.id')
            .limit(1)
            .as('center'),
        (j) => j.onTrue(),
      )
      .select([
        's.id',
        's.case_id',
        's.name',
        's.event',
        's.action',
        's.opinion',
        's.at',
        'c.number',
        'c.region_code',
        'c.acceptance_number',
        'c.result_name',
        'c.result_number',
        'c.result_valid_to',
        'c.decided_at',
        'c.delivery_method',
        's.from_state',
        'c.item_version_id',
        'v.name as item_name',
        'v.basic_code',
        'v.implementation_code',
        'v.kind as item_kind',
        'v.version_no',
        'd.name as department_name',
        'd.uscc as department_uscc',
        'su.name as step_unit_name',
        'su.uscc as step_unit_uscc',
        'center.name as center_name',
        'center.uscc as center_uscc',
        // 承诺办结时间 as promised at acceptance: the due date before its first change (suspension,
        // extension, calendar revision), else the current one.
        (eb) =>
          eb.fn
            .coalesce(
              eb
                .selectFrom('deadline_change as dc')
                .select('dc.old_due')
                .whereRef('dc.deadline_id', '=', 'c.deadline_id')
                .orderBy('dc.id')
                .limit(1),
              eb.selectFrom('deadline as dl').select('dl.due_date').whereRef('dl.id', '=', 'c.deadline_id'),
            )
            .as('promised_at_acceptance'),
        'u.display_name as user_name',
        'e.name as enterprise_name',
      ])
      .where('c.region_code', '=', regionCode)
      .where('s.id', '>', afterStepId)
      .orderBy('s.id')
      .limit(limit)
      .execute()
  );
}

/** The special procedures of the given cases (to pair with their start, end and extension steps). */
export function proceduresOf(db: Db, caseIds: number[]) {
  if (!caseIds.length) return Promise.resolve([]);
  return db
    .selectFrom('case_special_procedure as p')
    .leftJoin('app_user as u', 'u.id', 'p.handler_user_id')
    .innerJoin('unit as un', 'un.id', 'p.unit_id')
    .select([
      'p.id',
      'p.case_id',
      'p.kind',
      'p.kind_code',
      'p.reason',
      'p.requester',
      'p.started_on',
      'p.ended_on',
      'p.result',
      'p.opinion',
      'p.created_at',
      'u.display_name as handler_name',
      'un.name as unit_name',
      'un.uscc as unit_uscc',
    ])
    .where('p.case_id', 'in', caseIds)
    .orderBy('p.id')
    .execute();
}

export function insertBatch(
  db: Db,
  row: {
    region_code: string;
    seq: number;
    after_step_id: number;
    to_step_id: number;
    records: number;
    file_hash: string;
    created_by: number | null;
  },
) {
  return db.insertInto('exchange_batch').values(row).returningAll().executeTakeFirstOrThrow();
}

export function batchesOf(db: Db, regionCodes: string[] | null, limit: number) {
  if (regionCodes?.length === 0) return Promise.resolve([]);
  let q = db
    .selectFrom('exchange_batch as b')
    .leftJoin('app_user as u', 'u.id', 'b.created_by')
    .select([
      'b.id',
      'b.region_code',
      'b.seq',
      'b.after_step_id',
      'b.to_step_id',
      'b.records',
      'b.file_hash',
      'b.created_at',
      'b.sent_at',
      'b.receipt',
      'b.send_attempts',
      'b.last_error',
      (eb) =>
        eb
          .exists(
            eb
              .selectFrom('job')
              .select('job.id')
              .where('job.kind', '=', EXCHANGE_SEND_JOB)
              .whereRef(sql`job.payload->>'batchId'`, '=', sql`b.id::text`)
              .where('job.status', 'in', ['queued', 'running']),
          )
          .as('send_pending'),
      'u.display_name as created_by_name',
    ])
    .orderBy('b.id', 'desc')
    .limit(limit);
  if (regionCodes) q = q.where('b.region_code', 'in', regionCodes);
  return q.execute();
}

export function findBatch(db: Db, id: number) {
  return db.selectFrom('exchange_batch').selectAll().where('id', '=', id).executeTakeFirst();
}

export function recordSent(db: Db, id: number, receipt: string) {
  return db
    .updateTable('exchange_batch')
    .set({ sent_at: sql`now()`, receipt, last_error: null, send_attempts: sql`send_attempts + 1` })
    .where('id', '=', id)
    .execute();
}

export function recordSendFailure(db: Db, id: number, error: string) {
  return db
    .updateTable('exchange_batch')
    .set({ last_error: error.slice(0, 500), send_attempts: sql`send_attempts + 1` })
    .where('id', '=', id)
    .execute();
}

/** Whether a send of the batch is queued or running. */
export async function sendPending(db: Db, kind: string, id: number) {
  const r = await db
    .selectFrom('job')
    .select('id')
    .where('kind', '=', kind)
    .where(sql`payload->>'batchId'`, '=', String(id))
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();
  return Boolean(r);
}

export function lockBatch(db: Db, id: number) {
  return db.selectFrom('exchange_batch').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
}
