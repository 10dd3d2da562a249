// The one pipeline every workflow action runs through (cases, coordination and each module after
// them). The order is fixed, in one transaction, so no module can check a thing after it has
// already numbered and sealed a document, or write a change whose audit row could go missing:
//
//   1. lock the subject's row, then load it through the reader's scope (404 when not visible)
//   2. read its facts once, under that lock
//   3. decide: the policy's party rules and the state machine (403 forbidden / 409 conflict)
//   4. compare the version the caller saw (412)
//   5. check: validation that writes nothing (4xx), before any number is taken or seal applied
//   6. apply the action's effect (its own rows, deadlines, documents)
//   7. commit: the subject at that version, its step or timeline entry, and the audit row
//   8. notify (rows in the same transaction, delivered when it commits)
import type { Refusal, Verdict } from '../../../lib/verdict.ts';
import { type Db, transaction } from '../../db/client.ts';
import type { Principal } from '../access/scope.ts';
import type { Actor } from '../audit/audit.ts';
import type { SecretBox } from '../crypto/secrets.ts';
import { problems } from '../http/problem.ts';
import { type NewNotification, notify } from '../notify/notify.ts';

/** Who acts and with what: passed from the route to every use case. */
export interface ActionContext {
  db: Db;
  secrets: SecretBox;
  actor: Actor;
  principal: Principal;
}

export function refusalProblem(r: Refusal) {
  return r.refusal === 'forbidden' ? problems.forbidden(r.reason) : problems.conflict(r.reason);
}

/** What an effect hands back: the module's own change, and who is told. */
export interface Effect {
  notices?: NewNotification[];
}

/** A subject type's part of the pipeline, declared once per module. */
export interface Workflow<Row, Facts, Move, Change extends Effect> {
  /** Locks the subject's row (and anything its actions must serialise on) for the transaction. */
  lock(trx: Db, id: number): Promise<void>;
  /** Reads the subject through the principal's data scope; throws 404 when it is not visible. */
  load(trx: Db, principal: Principal, id: number): Promise<Row>;
  version(row: Row): number;
  /** The 412 message: someone else changed the subject since the caller read it. */
  stale: string;
  facts(trx: Db, principal: Principal, row: Row): Promise<Facts>;
  /** Writes the subject at the version the caller saw, its step or timeline entry, its audit row. */
  commit(trx: Db, ctx: ActionContext, row: Row, move: Move, change: Change): Promise<void>;
}

/** One use case on a subject: its decision, its checks and its effect. */
export interface Action<Row, Facts, Move, Change extends Effect> {
  decide(row: Row, facts: Facts): Verdict<Move>;
  check?(trx: Db, row: Row, facts: Facts, move: Move): Promise<void> | void;
  effect?(trx: Db, row: Row, facts: Facts, move: Move): Promise<Change>;
}

/**
 * Runs an action through the pipeline. `version` is the caller's If-Match; undefined for actions
 * that do not move a versioned subject (the row is still locked and re-read).
 */
export async function runAction<Row, Facts, Move, Change extends Effect>(
  ctx: ActionContext,
  workflow: Workflow<Row, Facts, Move, Change>,
  id: number,
  version: number | undefined,
  action: Action<Row, Facts, Move, Change>,
): Promise<{ row: Row; move: Move; change: Change }> {
  return transaction(ctx.db, async (trx) => {
    await workflow.lock(trx, id);
    const row = await workflow.load(trx, ctx.principal, id);
    const facts = await workflow.facts(trx, ctx.principal, row);
    const verdict = action.decide(row, facts);
    if (!verdict.ok) throw refusalProblem(verdict);
    if (version !== undefined && workflow.version(row) !== version) {
      throw problems.preconditionFailed(workflow.stale);
    }
    const move: Move = verdict;
    await action.check?.(trx, row, facts, move);
    const change = ((await action.effect?.(trx, row, facts, move)) ?? {}) as Change;
    await workflow.commit(trx, ctx, row, move, change);
    for (const n of change.notices ?? []) await notify(trx, n);
    return { row, move, change };
  });
}

/**
 * Runs one event of a subject's state machine: the module's policy decides it (who, from which
 * state) and the move carries the event with the state it leads to.
 */
export function runEvent<Row, Facts, E extends string, S, Change extends Effect>(
  ctx: ActionContext,
  workflow: Workflow<Row, Facts, { event: E; to: S }, Change>,
  id: number,
  version: number | undefined,
  event: E,
  decide: (row: Row, facts: Facts) => Verdict<{ to: S }>,
  action: Omit<Action<Row, Facts, { event: E; to: S }, Change>, 'decide'>,
) {
  return runAction(ctx, workflow, id, version, {
    decide: (row, facts) => {
      const v = decide(row, facts);
      return v.ok ? { ok: true, event, to: v.to } : v;
    },
    ...action,
  });
}
