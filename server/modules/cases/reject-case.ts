// 不予受理: the window refuses the application with reasons and the legal basis, in a numbered,
// sealed 不予受理决定书 that names the applicant's rights of review and appeal.
import { todayIn } from '../../../lib/dates.ts';
import { rejectionDecision } from '../../platform/documents/templates.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { issueCaseDocument, rightsOf } from './cases.documents.ts';
import { runCaseEvent } from './cases.workflow.ts';

export function rejectCase(
  ctx: ActionContext,
  id: number,
  version: number,
  input: { reasons: string[]; legalBasis: string; competentAuthority?: string },
) {
  return runCaseEvent(ctx, id, version, 'reject', 'window', {
    async effect(trx, row) {
      await issueCaseDocument(
        trx,
        ctx,
        row,
        'rejection_decision',
        (base, center) =>
          rejectionDecision({
            ...base,
            reasons: input.reasons,
            legalBasis: input.legalBasis,
            competentAuthority: input.competentAuthority,
            ...rightsOf(center),
          }),
        todayIn(),
      );
      const reasons = input.reasons.join('；');
      return { opinion: reasons, set: { decision_reason: reasons } };
    },
  });
}
