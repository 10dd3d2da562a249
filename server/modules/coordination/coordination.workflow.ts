// The coordination request's part of the shared workflow runner (server/platform/workflow/runner.ts):
// locked, loaded through the reader's scope, judged on its facts, and written with its timeline
// entry and audit row. Replies to consultations lock the same request row, so a decision and a
// late signature cannot both win.
import type { AuditAction } from '../../../lib/audit-actions.ts';
import type {
  CoordinationEvent,
  CoordinationFacts,
  CoordinationState,
  LadderLevel,
} from '../../../lib/coordination.ts';
import { type IsoDate, todayIn } from '../../../lib/dates.ts';
import type { Db } from '../../db/client.ts';
import { type Principal, scopeFor } from '../../platform/access/scope.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { problems } from '../../platform/http/problem.ts';
import {
  type Action,
  type ActionContext,
  type Effect,
  runEvent,
  type Workflow,
} from '../../platform/workflow/runner.ts';
import { commitmentsOf } from './commitments.repo.ts';
import { type ConsultationRow, consultationsOf } from './consultations.repo.ts';
import { decideRequestEvent } from './coordination.policy.ts';
import {
  findRequest,
  insertEvent,
  lockRequest,
  type RequestReader,
  type RequestRow,
  updateRequest,
} from './coordination.repo.ts';

export const STALE_REQUEST = '协调事项已被他人办理或修改，请刷新后再操作。';

export function readerOf(principal: Principal): RequestReader {
  return principal.kind === 'enterprise'
    ? { kind: 'enterprise', enterpriseId: principal.id }
    : { kind: 'staff', scope: scopeFor(principal, 'coordination:read'), userId: principal.id };
}

/** A request the principal may read, or 404 (existence does not leak). */
export async function requestRow(db: Db, principal: Principal, id: number): Promise<RequestRow> {
  const row = await findRequest(db, readerOf(principal), id, todayIn());
  if (!row) throw problems.notFound('协调事项不存在或不在您的数据范围内。');
  return row;
}

/**
 * Silence past the due date: recorded by the sweep, or the reply deadline (recomputed with the
 * calendar) has passed while open. A consultation cancelled by a decision is not overdue.
 */
export function overdue(
  c: Pick<ConsultationRow, 'status' | 'overdue_at' | 'deadline_status' | 'due_date'>,
  today: IsoDate,
) {
  if (c.status === 'answered') return false;
  return c.overdue_at !== null || (c.deadline_status === 'open' && c.due_date !== null && today > c.due_date);
}

/** The machine's facts from a request's consultations and commitments, as already read. */
export function factsFrom(
  row: RequestRow,
  cons: readonly ConsultationRow[],
  ks: readonly { status: string }[],
  today: IsoDate = todayIn(),
): CoordinationFacts {
  return {
    state: row.state as CoordinationState,
    level: row.level as LadderLevel,
    pendingConsultations: cons.filter((c) => c.status !== 'answered' && !overdue(c, today)).length,
    openCommitments: ks.filter((k) => k.status === 'open').length,
  };
}

export async function requestFacts(db: Db, row: RequestRow): Promise<CoordinationFacts> {
  const [cons, ks] = await Promise.all([
    consultationsOf(db, Number(row.id)),
    commitmentsOf(db, Number(row.id)),
  ]);
  return factsFrom(row, cons, ks);
}

/** One entry of the request's timeline; `public` entries are what the applicant sees. */
export interface TimelineEntry {
  kind: string;
  title: string;
  detail?: string;
  public?: boolean;
  documentId?: number | null;
}

/** A timeline entry by the caller, or by the system (a sweep has no principal). */
export async function record(
  trx: Db,
  ctx: Pick<ActionContext, 'actor'> & { principal?: ActionContext['principal'] },
  requestId: number,
  e: TimelineEntry,
) {
  const p = ctx.actor.kind === 'system' ? undefined : ctx.principal;
  await insertEvent(trx, {
    request_id: requestId,
    kind: e.kind,
    title: e.title,
    detail: e.detail ?? '',
    public: e.public ?? false,
    actor_name: p?.displayName ?? '系统',
    unit_name: p ? (p.kind === 'staff' ? p.unitName : p.displayName) : null,
    document_id: e.documentId ?? null,
  });
}

export interface RequestMove {
  /** A machine event, or letter_draft (editing the letter moves nothing). */
  event: CoordinationEvent | 'letter_draft';
  to: CoordinationState;
}

export interface RequestChange extends Effect {
  set?: Parameters<typeof updateRequest>[3];
  tokens?: string[];
  event?: TimelineEntry;
  audit?: Record<string, unknown>;
}

export const requestWorkflow: Workflow<RequestRow, CoordinationFacts, RequestMove, RequestChange> = {
  async lock(trx, id) {
    await lockRequest(trx, id);
  },
  load: requestRow,
  version: (row) => row.version,
  stale: STALE_REQUEST,
  facts: (trx, _principal, row) => requestFacts(trx, row),
  async commit(trx, ctx, row, move, change) {
    const id = Number(row.id);
    const moved = await updateRequest(trx, id, row.version, { state: move.to, ...change.set }, change.tokens);
    if (!moved) throw problems.preconditionFailed(STALE_REQUEST);
    if (change.event) await record(trx, ctx, id, change.event);
    await writeAudit(trx, ctx.actor, {
      action: `coordination.${move.event}` satisfies AuditAction,
      targetType: 'coordination_request',
      targetId: id,
      summary: { number: row.number, from: row.state, to: move.to, ...change.audit },
    });
  },
};

type RequestAction = Omit<Action<RequestRow, CoordinationFacts, RequestMove, RequestChange>, 'decide'>;

/** Runs one event of the request machine through the runner. */
export function runRequestEvent(
  ctx: ActionContext,
  id: number,
  /** The caller's If-Match; undefined when another subject's action moves the request. */
  version: number | undefined,
  event: CoordinationEvent,
  action: RequestAction,
) {
  return runEvent(
    ctx,
    requestWorkflow,
    id,
    version,
    event,
    (row, facts) => decideRequestEvent(ctx.principal, row, facts, event),
    action,
  );
}

/** The acting staff member, for the columns that name one. */
export const staffId = (ctx: ActionContext) => (ctx.actor.kind === 'staff' ? ctx.actor.id : null);
