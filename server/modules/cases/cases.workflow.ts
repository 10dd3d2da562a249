// The case's part of the shared workflow runner (server/platform/workflow/runner.ts): how a case
// is locked, loaded through the reader's scope, what facts its rules read, and how a move is
// written (the case at the caller's version, the step record of R-CASE-3, the audit row).
import type { AuditAction } from '../../../lib/audit-actions.ts';
import {
  CASE_EVENT_LABELS,
  type CaseEvent,
  type CaseFacts,
  type CaseParty,
  type Transition,
} from '../../../lib/case-machine.ts';
import { todayIn } from '../../../lib/dates.ts';
import type { Db } from '../../db/client.ts';
import { type Principal, scopeFor } from '../../platform/access/scope.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { problems } from '../../platform/http/problem.ts';
import {
  type Action,
  type ActionContext,
  type Effect,
  runAction,
  type Workflow,
} from '../../platform/workflow/runner.ts';
import { windowAuthorized } from '../catalog/authorizations.service.ts';
import { decideEvent } from './cases.policy.ts';
import {
  type CaseReader,
  type CaseRow,
  caseMaterials,
  findCase,
  insertStep,
  lockCase,
  updateCase,
} from './cases.repo.ts';

export type CaseMaterials = Awaited<ReturnType<typeof caseMaterials>>;

export const STALE_CASE = '办件已被他人办理或修改，请刷新后再操作。';

export function readerOf(principal: Principal): CaseReader {
  return principal.kind === 'enterprise'
    ? { kind: 'enterprise', enterpriseId: principal.id }
    : { kind: 'staff', scope: scopeFor(principal, 'case:read') };
}

/** A case the principal may read, or 404 (existence does not leak). */
export async function caseRow(db: Db, principal: Principal, id: number): Promise<CaseRow> {
  const row = await findCase(db, readerOf(principal), id, todayIn());
  if (!row) throw problems.notFound('办件不存在或不在您的数据范围内。');
  return row;
}

/** What the case's rules read: the machine's facts and the materials they were derived from. */
export interface CaseFactSet {
  machine: CaseFacts;
  materials: CaseMaterials;
}

export async function caseFacts(db: Db, principal: Principal, row: CaseRow): Promise<CaseFactSet> {
  const materials = await caseMaterials(db, Number(row.id));
  return {
    materials,
    machine: {
      state: row.state,
      level: row.review_level,
      levels: row.approval_levels,
      suspended: row.suspended,
      outstandingTolerated: materials.filter((m) => m.status === 'tolerated' && !m.fulfilled_at).length,
      windowAuthorized:
        principal.kind === 'staff' ? await windowAuthorized(db, Number(row.item_id), principal.id) : false,
      extensionAllowed: row.suspension_kinds.includes('extension'),
      extended: row.extended_days > 0,
    },
  };
}

/** A move of the case: its step's event, its audit action, and the machine's transition (none for a side action). */
export interface CaseMove {
  step: CaseEvent | 'agent' | 'fulfil';
  audit: AuditAction;
  next: Transition | null;
}

export interface CaseChange extends Effect {
  set?: Parameters<typeof updateCase>[3];
  opinion?: string | null;
  stepName?: string;
  /** The audit summary, when the default (number, from, to, level) does not say what happened. */
  summary?: Record<string, unknown>;
}

/** The acting staff member, for the columns that name one. */
export const staffId = (ctx: ActionContext) => (ctx.actor.kind === 'staff' ? ctx.actor.id : null);

export const caseWorkflow: Workflow<CaseRow, CaseFactSet, CaseMove, CaseChange> = {
  lock: lockCase,
  load: caseRow,
  version: (row) => row.version,
  stale: STALE_CASE,
  facts: caseFacts,
  async commit(trx, ctx, row, move, change) {
    const id = Number(row.id);
    const next = move.next;
    if (next || change.set) {
      const moved = await updateCase(trx, id, row.version, {
        ...(next ? { state: next.to, review_level: next.level, suspended: next.suspended } : {}),
        ...change.set,
      });
      if (!moved) throw problems.preconditionFailed(STALE_CASE);
    }
    await insertStep(trx, {
      case_id: id,
      name: change.stepName ?? CASE_EVENT_LABELS[move.step as CaseEvent],
      event: move.step,
      action: next?.action ?? 'other',
      from_state: row.state,
      to_state: next?.to ?? row.state,
      level: next?.level || null,
      actor_user_id: staffId(ctx),
      actor_enterprise_id: ctx.actor.kind === 'enterprise' ? ctx.actor.id : null,
      unit_id: ctx.principal.kind === 'staff' ? ctx.principal.unitId : null,
      opinion: change.opinion ?? null,
    });
    await writeAudit(trx, ctx.actor, {
      action: move.audit,
      targetType: 'case',
      targetId: id,
      summary: change.summary ?? {
        number: row.number,
        from: row.state,
        to: next?.to ?? row.state,
        level: next?.level ?? row.review_level,
      },
    });
  },
};

type CaseAction = Partial<Omit<Action<CaseRow, CaseFactSet, CaseMove, CaseChange>, 'decide'>>;

/** Runs one event of the case machine by one party through the runner. */
export function runCaseEvent(
  ctx: ActionContext,
  id: number,
  version: number,
  event: CaseEvent,
  party: CaseParty | ((row: CaseRow) => CaseParty),
  action: CaseAction = {},
) {
  return runAction(ctx, caseWorkflow, id, version, {
    decide: (row, facts) => {
      const by = typeof party === 'function' ? party(row) : party;
      const v = decideEvent(ctx.principal, row, facts.machine, event, by);
      return v.ok ? { ok: true, step: event, audit: `case.${event}` as const, next: v.next } : v;
    },
    ...action,
  });
}

/** The missing materials of a case (not supplied at submission or since). */
export const missingOf = (materials: CaseMaterials) => materials.filter((m) => m.status === 'missing');
