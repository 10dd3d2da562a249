// The tracked commitment's part of the workflow runner: locked, loaded through the reader's scope,
// and written with its request's timeline entry and its audit row.
import type { AuditAction } from '../../../lib/audit-actions.ts';
import type { Db } from '../../db/client.ts';
import { type Principal, scopeFor } from '../../platform/access/scope.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { problems } from '../../platform/http/problem.ts';
import type { Effect, Workflow } from '../../platform/workflow/runner.ts';
import { type CommitmentRow, findCommitment, lockCommitment } from './commitments.repo.ts';
import { record, type TimelineEntry } from './coordination.workflow.ts';

export async function commitmentFor(db: Db, principal: Principal, id: number) {
  const k = await findCommitment(db, scopeFor(principal, 'coordination:read'), id);
  if (!k) throw problems.notFound('承诺事项不存在或不在您的数据范围内。');
  return k;
}

export interface CommitmentChange extends Effect {
  event: TimelineEntry;
  summary: Record<string, unknown>;
}

export const commitmentWorkflow: Workflow<CommitmentRow, object, { audit: AuditAction }, CommitmentChange> = {
  lock: lockCommitment,
  load: commitmentFor,
  version: (k) => k.version,
  stale: '承诺事项已被他人修改，请刷新后再操作。',
  facts: async () => ({}),
  async commit(trx, ctx, k, move, change) {
    await record(trx, ctx, Number(k.request_id), change.event);
    await writeAudit(trx, ctx.actor, {
      action: move.audit,
      targetType: 'coordination_commitment',
      targetId: Number(k.id),
      summary: change.summary,
    });
  },
};
