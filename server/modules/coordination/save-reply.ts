// 起草答复: a consulted department's officer or liaison drafts (or redrafts) its reply: stance,
// opinion, legal basis, conditions and commitments. It counts only once the lead signs it.
import type { z } from 'zod';
import { type ActionContext, runAction } from '../../platform/workflow/runner.ts';
import { deleteProposedCommitments, insertCommitments } from './commitments.repo.ts';
import { assertCommitmentDates, consultationWorkflow } from './consultations.ts';
import { decideReply } from './coordination.policy.ts';
import type { ReplyInput } from './coordination.schemas.ts';
import { requestRow, staffId } from './coordination.workflow.ts';
import { attachFiles } from './upload-file.ts';

export function saveReply(
  ctx: ActionContext,
  id: number,
  version: number,
  input: z.infer<typeof ReplyInput>,
) {
  return runAction(ctx, consultationWorkflow, id, version, {
    decide: (c) => {
      const v = decideReply(ctx.principal, c, 'draft');
      return v.ok ? { ok: true, audit: 'consultation.draft' as const } : v;
    },
    async check(trx, c) {
      const region = (await requestRow(trx, ctx.principal, Number(c.request_id))).region_code;
      await assertCommitmentDates(trx, region, input.commitments);
    },
    async effect(trx, c) {
      await deleteProposedCommitments(trx, { consultationId: id });
      await insertCommitments(
        trx,
        input.commitments.map((k) => ({
          request_id: Number(c.request_id),
          consultation_id: id,
          department_id: Number(c.department_id),
          content: k.content,
          due_days: k.dueDays ?? null,
          due_on: k.dueDate ?? null,
        })),
      );
      await attachFiles(trx, ctx.principal, input.fileIds, Number(c.request_id), id);
      return {
        set: {
          status: 'drafted' as const,
          stance: input.stance,
          opinion: input.opinion,
          legal_basis: input.legalBasis,
          conditions: input.conditions,
          drafted_by: staffId(ctx),
          drafted_at: new Date(),
        },
        summary: { stance: input.stance, commitments: input.commitments.length },
      };
    },
  });
}
