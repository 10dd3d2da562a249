// 补充后重新提交: the submitter completes a returned request; it must now hold what its level requires.
import type { z } from 'zod';
import type { LadderLevel, LadderStep } from '../../../lib/coordination.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { filesOf } from './coordination.repo.ts';
import type { RequestContents } from './coordination.schemas.ts';
import { runRequestEvent } from './coordination.workflow.ts';
import { assertComplete, ladderOf, openStep, present, stepOf, stepUnit } from './ladder.ts';
import { tokensOf } from './submit-request.ts';
import { attachFiles } from './upload-file.ts';

export function resubmitRequest(
  ctx: ActionContext,
  id: number,
  version: number,
  input: z.infer<typeof RequestContents>,
) {
  let step: LadderStep;
  return runRequestEvent(ctx, id, version, 'resubmit', {
    async check(trx, row) {
      step = stepOf(await ladderOf(trx, row.region_code), row.level as LadderLevel);
      const files = (await filesOf(trx, id)).filter((f) => f.consultation_id === null).length;
      assertComplete(step, present(input, files + new Set(input.fileIds).size, false), '协调申请');
    },
    async effect(trx, r) {
      await attachFiles(trx, ctx.principal, input.fileIds, id, null);
      const unit = await stepUnit(trx, r, r.level as LadderLevel);
      const notice = await openStep(
        trx,
        ctx,
        { id, number: r.number, project_name: r.project_name, region_code: r.region_code },
        r.level as LadderLevel,
        step,
        unit,
        '补充材料后重新提交',
      );
      return {
        set: {
          overview: input.overview,
          problem: input.problem,
          positions: JSON.stringify(input.positions),
          proposal: input.proposal,
          contact_name: input.contactName,
          contact_phone: input.contactPhone,
          returned_missing: [],
          search_text: `${r.project_name} ${r.applicant_name} ${input.problem}`.slice(0, 2000),
        },
        tokens: tokensOf({ ...input, projectName: r.project_name, applicantName: r.applicant_name }),
        event: { kind: 'resubmitted', title: '补充后重新提交', public: true },
        notices: [notice],
      };
    },
  });
}
