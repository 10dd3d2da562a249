// Incremental case exchange (GB/T 39046 表6–表8 and the national up_pro_* tables, R-CASE-3/4/7/8):
// each batch turns the region's case steps since the previous batch into records of four tables
// — 受理 (accept), 办理 (process), 特别程序 (special_procedure), 办结 (result) — each with an
// operation code (I insert / U update), the batch id and the batch time, so the upstream platform
// can replay them in order. The file is stored, so a batch can be sent again byte for byte.
import { SUSPENSION_KIND_LABELS } from '../../../lib/catalog-codes.ts';
import type { IsoDate } from '../../../lib/dates.ts';
import { type Db, transaction } from '../../db/client.ts';
import { type Principal, scopeCoversRegion, scopeFor } from '../../platform/access/scope.ts';
import { type Actor, writeAudit } from '../../platform/audit/audit.ts';
import { getBlob, putBlob } from '../../platform/files/blobs.ts';
import { problems } from '../../platform/http/problem.ts';
import { enqueue } from '../../platform/jobs/jobs.ts';
import { sm3Hex } from '../../platform/seals/seals.ts';
import {
  batchesOf,
  EXCHANGE_SEND_JOB,
  findBatch,
  insertBatch,
  lastBatch,
  lockBatch,
  lockRegionBatches,
  proceduresOf,
  recordSendFailure,
  recordSent,
  sendPending,
  stepsAfter,
} from './exchange.repo.ts';
import type { ExchangeSender } from './exchange.sender.ts';

/** At most this many steps per batch; the next batch continues. */
export const BATCH_STEPS = 5000;

/** 39046 §5.3 time: YYYYMMDDThhmmss, Beijing time (no daylight saving). */
export function exchangeTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace(/[-:]/g, '');
}

/** 39046 date: YYYYMMDD. */
export function exchangeDate(d: IsoDate | null): string | null {
  return d ? d.replace(/-/g, '') : null;
}

const ACTION_NAMES = { pass: '通过', return: '退回', other: '其他' } as const;
const ITEM_TYPES = { instant: ['即办件', '1'], promised: ['承诺件', '2'] } as const;

export type Step = Awaited<ReturnType<typeof stepsAfter>>[number];
export type Procedure = Awaited<ReturnType<typeof proceduresOf>>[number];
export type ExchangeTable = 'up_pro_accept' | 'up_pro_process' | 'up_pro_special_procedure' | 'up_pro_result';
export interface ExchangeRecord {
  table: ExchangeTable;
  cd_operation: 'I' | 'U';
  cd_batch: string;
  cd_time: string;
  [field: string]: string | number | null;
}

/**
 * The records of one batch, in step order (pure). A special procedure is paired with its step by
 * case, kind and time: both are written in one transaction, so both carry its start time (now()).
 */
export function exchangeRecords(
  steps: readonly Step[],
  procedures: readonly Procedure[],
  batch: { id: string; at: Date },
): ExchangeRecord[] {
  const head = (table: ExchangeTable, op: 'I' | 'U') => ({
    table,
    cd_operation: op,
    cd_batch: batch.id,
    cd_time: exchangeTime(batch.at),
  });
  const out: ExchangeRecord[] = [];
  for (const s of steps) {
    // Naming an agent is the center's service to the applicant, not a handling step.
    if (s.event === 'agent') continue;
    const at = exchangeTime(s.at);
    const handler = s.user_name ?? s.enterprise_name ?? null;
    // 表7: every step, done when recorded (its end time is its start time).
    out.push({
      ...head('up_pro_process', 'I'),
      case_no: s.number,
      step_no: Number(s.id),
      action: ACTION_NAMES[s.action],
      step_name: s.name,
      handler,
      opinion: s.opinion,
      start_time: at,
      end_time: at,
      unit_name: s.step_unit_name ?? (s.enterprise_name ? null : s.department_name),
      unit_uscc: s.step_unit_name ? s.step_unit_uscc : s.enterprise_name ? null : s.department_uscc,
      status_code: '2',
    });
    if (s.event === 'accept' || s.event === 'accept_tolerantly') {
      const [typeName, typeCode] = ITEM_TYPES[s.item_kind];
      // 表6 + up_pro_accept.
      out.push({
        ...head('up_pro_accept', 'I'),
        case_no: s.number,
        basic_code: s.basic_code,
        implement_code: s.implementation_code,
        item_name: s.item_name,
        accept_unit_name: s.center_name,
        accept_unit_uscc: s.center_uscc,
        accept_user: handler,
        accept_time: at,
        accept_doc_no: s.acceptance_number,
        promise_date: exchangeDate(s.promised_at_acceptance),
        item_type: typeName,
        item_type_code: typeCode,
        region_code: s.region_code,
        task_version: s.version_no,
      });
    }
    if (s.event === 'suspend' || s.event === 'extend' || s.event === 'resume') {
      const own = procedures.filter((p) => Number(p.case_id) === Number(s.case_id));
      const p =
        s.event === 'resume'
          ? own.filter((x) => x.ended_on !== null && x.created_at < s.at && x.kind !== 'extension').at(-1)
          : own.find(
              (x) =>
                x.created_at.getTime() === s.at.getTime() &&
                (x.kind === 'extension') === (s.event === 'extend'),
            );
      if (p) {
        // up_pro_special_procedure: end_time is never empty (the start while the procedure is open).
        const start = exchangeTime(p.created_at);
        out.push({
          ...head('up_pro_special_procedure', s.event === 'resume' ? 'U' : 'I'),
          case_no: s.number,
          procedure_seq: Number(p.id),
          type_code: p.kind_code,
          type_name: (SUSPENSION_KIND_LABELS as Record<string, string>)[p.kind] ?? p.kind,
          start_time: start,
          reason: p.reason,
          requester: p.requester,
          end_time: s.event === 'suspend' ? start : at,
          result: p.result,
          opinion: p.opinion,
          unit_name: p.unit_name,
          unit_uscc: p.unit_uscc,
          handler: p.handler_name,
        });
      }
    }
    if (s.event === 'approve' || s.event === 'deny' || s.event === 'deliver') {
      // 表8 + up_pro_result: inserted at the decision, updated at delivery (是否快递).
      out.push({
        ...head('up_pro_result', s.event === 'deliver' ? 'U' : 'I'),
        case_no: s.number,
        handler: handler,
        finish_time: s.decided_at ? exchangeTime(s.decided_at) : at,
        // At delivery the decision is the state the case left.
        result: s.event === 'deny' || s.from_state === 'denied' ? '不予许可' : '准予许可',
        licence_name: s.result_name,
        licence_no: s.result_number,
        result_desc: s.opinion,
        valid_to: exchangeDate(s.result_valid_to),
        issuer_unit: s.department_name,
        issuer_unit_uscc: s.department_uscc,
        region_code: s.region_code,
        is_post: s.event === 'deliver' ? (s.delivery_method === 'post' ? '1' : '0') : null,
        is_charge: '0',
      });
    }
  }
  return out;
}

function mayExport(principal: Principal, regionCode: string) {
  return scopeCoversRegion(scopeFor(principal, 'exchange:export'), regionCode);
}

/** Creates the region's next batch from the steps since the last one; 409 when there is none. */
export async function createBatch(
  db: Db,
  actor: Actor,
  principal: Principal,
  regionCode: string,
  sending: boolean,
) {
  if (!mayExport(principal, regionCode)) throw problems.forbidden('您不能导出该区划的办件交换数据。');
  return transaction(db, async (trx) => {
    await lockRegionBatches(trx, regionCode);
    const last = await lastBatch(trx, regionCode);
    const steps = await stepsAfter(trx, regionCode, last.stepId, BATCH_STEPS);
    if (steps.length === 0) {
      throw problems.conflict(
        last.seq === 0
          ? '本区划还没有办理记录，无需生成批次。'
          : '上一批次之后没有新的办理记录，无需生成新批次。',
      );
    }
    const seq = last.seq + 1;
    const at = new Date();
    const id = batchName(regionCode, seq);
    const procedures = await proceduresOf(trx, [...new Set(steps.map((s) => Number(s.case_id)))]);
    const records = exchangeRecords(steps, procedures, { id, at });
    const file = Buffer.from(
      JSON.stringify({ batch: id, region: regionCode, time: exchangeTime(at), records }, null, 1),
    );
    const hash = sm3Hex(file);
    await putBlob(trx, hash, 'application/json', file);
    const row = await insertBatch(trx, {
      region_code: regionCode,
      seq,
      after_step_id: last.stepId,
      to_step_id: Number(steps.at(-1)!.id),
      records: records.length,
      file_hash: hash,
      created_by: actor.kind === 'staff' ? actor.id : null,
    });
    await writeAudit(trx, actor, {
      action: 'exchange.batch',
      targetType: 'exchange_batch',
      targetId: row.id,
      summary: { batch: id, records: records.length, steps: steps.length, hash },
    });
    // Sent once committed; the job retries with backoff until the platform takes it.
    if (sending) await enqueueSend(trx, Number(row.id));
    return { row, batch: id, more: steps.length === BATCH_STEPS };
  });
}

export function batches(db: Db, principal: Principal) {
  const scope = scopeFor(principal, 'exchange:export');
  return batchesOf(db, scope.kind === 'all' ? null : scope.kind === 'some' ? scope.regionCodes : [], 100);
}

/** The stored file of a batch the caller may export. */
export async function batchFile(db: Db, principal: Principal, id: number) {
  const row = await findBatch(db, id);
  if (!row || !mayExport(principal, row.region_code))
    throw problems.notFound('批次不存在或不在您的数据范围内。');
  const blob = await getBlob(db, row.file_hash);
  if (!blob) throw problems.notFound('批次文件不存在。');
  return { row, content: blob.content };
}

export const batchName = (regionCode: string, seq: number) => `${regionCode}-${String(seq).padStart(6, '0')}`;

const enqueueSend = (db: Db, batchId: number) =>
  enqueue(db, EXCHANGE_SEND_JOB, { batchId }, { maxAttempts: 12 });

/** Queues another send of a batch (after a failure, or on the platform's request). */
export async function resendBatch(db: Db, actor: Actor, principal: Principal, id: number, sending: boolean) {
  const row = await findBatch(db, id);
  if (!row || !mayExport(principal, row.region_code))
    throw problems.notFound('批次不存在或不在您的数据范围内。');
  if (!sending) {
    throw problems.conflict('未配置上级平台接收地址（EXCHANGE_URL），请下载批次文件后按规定报送。');
  }
  return transaction(db, async (trx) => {
    // The batch row lock makes two administrators resending at once queue one send, not two.
    await lockBatch(trx, id);
    if (await sendPending(trx, EXCHANGE_SEND_JOB, id))
      throw problems.conflict('该批次正在报送，请稍候再试。');
    await enqueueSend(trx, id);
    await writeAudit(trx, actor, {
      action: 'exchange.resend',
      targetType: 'exchange_batch',
      targetId: id,
      summary: { batch: batchName(row.region_code, row.seq), sentBefore: row.sent_at !== null },
    });
  });
}

/** The job: posts the stored file; the batch records the receipt, or the failure while retrying. */
export async function sendBatch(db: Db, sender: ExchangeSender, id: number) {
  const row = await findBatch(db, id);
  if (!row) return; // nothing to send (the batch cannot be deleted, so this is a stale job)
  try {
    const blob = await getBlob(db, row.file_hash);
    if (!blob) throw new Error(`批次文件缺失（${row.file_hash}），请联系系统管理员。`);
    const receipt = await sender.send({
      name: batchName(row.region_code, row.seq),
      digest: row.file_hash,
      content: blob.content,
    });
    await recordSent(db, id, receipt);
  } catch (err) {
    await recordSendFailure(db, id, (err as Error).message);
    throw err;
  }
}
