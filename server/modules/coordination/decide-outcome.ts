// 确定处理方式: once the replies are in (or their dates have passed), the coordinator decides
// between a notification letter and a coordination meeting. The system proposes (silence is never
// agreement); overriding it needs a reason, which stays internal.
import type { z } from 'zod';
import {
  COORDINATION_EVENT_LABELS,
  type Complexity,
  proposeOutcome,
  type ReplyFacts,
} from '../../../lib/coordination.ts';
import { type IsoDate, todayIn } from '../../../lib/dates.ts';
import { problems } from '../../platform/http/problem.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { deleteProposedCommitments } from './commitments.repo.ts';
import { cancelOpenConsultations } from './consult.ts';
import { type ConsultationRow, consultationsOf } from './consultations.repo.ts';
import type { Decide } from './coordination.schemas.ts';
import { overdue, record, runRequestEvent } from './coordination.workflow.ts';

export function replyFacts(cons: ConsultationRow[], today: IsoDate): ReplyFacts[] {
  return cons.map((c) => ({
    department: c.department_name,
    stance: c.status === 'answered' ? c.stance : null,
    overdue: overdue(c, today),
    conditions: c.conditions ?? '',
  }));
}

export function decideOutcome(
  ctx: ActionContext,
  id: number,
  version: number,
  input: z.infer<typeof Decide>,
) {
  const event = input.outcome === 'letter' ? 'decide_letter' : 'decide_meeting';
  const today = todayIn();
  let cons: ConsultationRow[] = [];
  let proposal: ReturnType<typeof proposeOutcome>;
  const override = () => input.outcome !== proposal.outcome;
  return runRequestEvent(ctx, id, version, event, {
    // The replies are read under the request's lock, which signing a reply also takes.
    async check(trx, row) {
      cons = await consultationsOf(trx, id);
      proposal = proposeOutcome((row.complexity ?? 'simple') as Complexity, replyFacts(cons, today));
      if (override() && (input.overrideReason ?? '').length < 4) {
        throw problems.unprocessable(
          `系统建议${proposal.outcome === 'letter' ? '以告知函答复' : '召开专题协调会'}（${proposal.reasons.join('')}）；如需调整，请写明理由。`,
          [{ field: 'overrideReason', message: '请写明调整理由' }],
        );
      }
    },
    async effect(trx, r) {
      await cancelOpenConsultations(trx, id);
      const silent = cons.filter((c) => c.status !== 'answered');
      if (silent.length) {
        // Unanswered consultations no longer count: drafts are dropped, silence stays on record.
        await deleteProposedCommitments(trx, {
          requestId: id,
          consultationIds: silent.map((c) => Number(c.id)),
        });
      }
      const why = override() ? `（调整系统建议，理由：${input.overrideReason}）` : '';
      await record(trx, ctx, id, {
        kind: `${event}.public`,
        title: input.outcome === 'letter' ? '各部门意见一致，将以告知函答复' : '将召开专题协调会研究',
        public: true,
      });
      return {
        set: {
          outcome: input.outcome,
          outcome_reasons: proposal.reasons,
          override_reason: override() ? input.overrideReason! : null,
          letter_addressee: input.outcome === 'letter' ? r.applicant_name : null,
        },
        // The applicant sees the decision; the reasons and any override stay internal.
        event: {
          kind: event,
          title: COORDINATION_EVENT_LABELS[event],
          detail: `${proposal.reasons.join('')}${why}`,
        },
        audit: { proposal: proposal.outcome, override: override(), reason: input.overrideReason ?? null },
      };
    },
  });
}
