// 修改告知函: the coordinator edits the letter's addressee and the wording and dates of the
// departments' commitments (not which ones) before it is issued (send-letter.ts).
import type { z } from 'zod';
import { conflict, forbidden } from '../../../lib/verdict.ts';
import { problems } from '../../platform/http/problem.ts';
import { type ActionContext, runAction } from '../../platform/workflow/runner.ts';
import { commitmentsOf, setCommitment } from './commitments.repo.ts';
import { assertCommitmentDates } from './consultations.ts';
import { partiesOf } from './coordination.policy.ts';
import type { LetterDraft } from './coordination.schemas.ts';
import { requestWorkflow } from './coordination.workflow.ts';

export function saveLetter(
  ctx: ActionContext,
  id: number,
  version: number,
  input: z.infer<typeof LetterDraft>,
) {
  return runAction(ctx, requestWorkflow, id, version, {
    decide: (row) => {
      if (!partiesOf(ctx.principal, row).includes('coordinator'))
        return forbidden('只有中心协调人员可以修改告知函。');
      if (row.state !== 'letter_drafting') return conflict('协调事项不在告知函拟稿阶段。');
      return { ok: true, event: 'letter_draft' as const, to: 'letter_drafting' as const };
    },
    async check(trx, row) {
      const ks = (await commitmentsOf(trx, id)).filter((k) => k.status === 'proposed');
      const given = new Set(input.commitments.map((k) => k.id));
      if (given.size !== ks.length || ks.some((k) => !given.has(Number(k.id)))) {
        throw problems.unprocessable(
          '告知函须列明各部门答复中的全部承诺事项（可修改文字和时限，不能增删）。',
        );
      }
      await assertCommitmentDates(trx, row.region_code, input.commitments);
    },
    async effect(trx) {
      for (const k of input.commitments) {
        await setCommitment(trx, k.id, {
          content: k.content,
          due_days: k.dueDays ?? null,
          due_on: k.dueDate ?? null,
        });
      }
      return {
        set: { letter_addressee: input.addressee },
        audit: { addressee: input.addressee, commitments: input.commitments.length },
      };
    },
  });
}
