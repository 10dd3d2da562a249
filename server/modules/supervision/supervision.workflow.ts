// The tracked item's part of the shared workflow runner: locked, loaded through the reader's
// scope, judged on its facts, written at the caller's version with its audit row.
import type { AuditAction } from '../../../lib/audit-actions.ts';
import type { SupervisionEvent, SupervisionFacts, SupervisionStatus } from '../../../lib/supervision.ts';
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
import { decideItemEvent } from './supervision.policy.ts';
import { extensionsOf, findItem, type ItemRow, lockItem, updateItem } from './supervision.repo.ts';

export const STALE_ITEM = '督办事项已被他人修改，请刷新后再操作。';

/** An item the principal may read, or 404 (existence does not leak). */
export async function itemRow(db: Db, principal: Principal, id: number): Promise<ItemRow> {
  const row = await findItem(db, scopeFor(principal, 'supervision:read'), id);
  if (!row) throw problems.notFound('督办事项不存在或不在您的数据范围内。');
  return row;
}

export interface Facts extends SupervisionFacts {
  extensions: Awaited<ReturnType<typeof extensionsOf>>;
}

export async function itemFacts(db: Db, row: ItemRow, evidence = 0): Promise<Facts> {
  const extensions = await extensionsOf(db, Number(row.id));
  return {
    status: row.status as SupervisionStatus,
    evidence,
    pendingExtension: extensions.some((e) => e.state === 'pending'),
    extensions,
  };
}

export interface ItemMove {
  event: SupervisionEvent;
  to: SupervisionStatus;
}

export interface ItemChange extends Effect {
  set?: Parameters<typeof updateItem>[3];
  audit?: Record<string, unknown>;
}

// Reports of progress, urgings and extension requests add rows; they do not move the item the
// supervising side is deciding on.
const OUTSIDE_VERSION: ReadonlySet<SupervisionEvent> = new Set([
  'report_progress',
  'urge',
  'request_extension',
]);

export function itemWorkflow(evidence: number): Workflow<ItemRow, Facts, ItemMove, ItemChange> {
  return {
    lock: async (trx, id) => {
      await lockItem(trx, id);
    },
    load: itemRow,
    version: (row) => row.version,
    stale: STALE_ITEM,
    facts: (trx, _p, row) => itemFacts(trx, row, evidence),
    async commit(trx, ctx, row, move, change) {
      const id = Number(row.id);
      if (!OUTSIDE_VERSION.has(move.event)) {
        if (!(await updateItem(trx, id, row.version, { status: move.to, ...change.set }))) {
          throw problems.preconditionFailed(STALE_ITEM);
        }
      }
      await writeAudit(trx, ctx.actor, {
        action: `supervision.${move.event}` satisfies AuditAction,
        targetType: 'supervision_item',
        targetId: id,
        summary: { content: row.content.slice(0, 60), from: row.status, to: move.to, ...change.audit },
      });
    },
  };
}

type ItemAction = Omit<Action<ItemRow, Facts, ItemMove, ItemChange>, 'decide'>;

/** Runs one event of the supervision machine through the runner (`evidence`: files the report names). */
export function runItemEvent(
  ctx: ActionContext,
  id: number,
  version: number | undefined,
  event: SupervisionEvent,
  action: ItemAction,
  evidence = 0,
) {
  return runEvent(
    ctx,
    itemWorkflow(evidence),
    id,
    version,
    event,
    (row, facts) => decideItemEvent(ctx.principal, row, facts, event),
    action,
  );
}
