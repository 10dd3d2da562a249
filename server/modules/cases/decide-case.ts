// 审批决定: 准予 or 不予许可 by the department's head at the last level of review, or on the spot by
// a window holding the chief representative's authorization (首席事务代表). The decision letter is
// the result the applicant collects; the window is told the case waits for delivery.
import { type IsoDate, todayIn } from '../../../lib/dates.ts';
import { closeDeadline } from '../../platform/deadlines/deadlines.ts';
import { denialDecision, licenceDecision } from '../../platform/documents/templates.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { issueCaseDocument, rightsOf } from './cases.documents.ts';
import { windowNotice } from './cases.notices.ts';
import { decidingParty } from './cases.policy.ts';
import type { CaseRow } from './cases.repo.ts';
import { runCaseEvent, staffId } from './cases.workflow.ts';

export interface DecisionInput {
  approve: boolean;
  reason?: string;
  resultName?: string;
  resultNumber?: string;
  resultValidTo?: IsoDate;
}

export function decideCase(ctx: ActionContext, id: number, version: number, input: DecisionInput) {
  const party = (row: CaseRow) => decidingParty(ctx.principal, row);
  return runCaseEvent(ctx, id, version, input.approve ? 'approve' : 'deny', party, {
    async effect(trx, row) {
      if (row.deadline_id) await closeDeadline(trx, Number(row.deadline_id), 'done');
      const resultName = input.resultName ?? row.item_name;
      const resultNumber = input.resultNumber ?? `${row.number}-R`;
      await issueCaseDocument(
        trx,
        ctx,
        row,
        input.approve ? 'licence_decision' : 'denial_decision',
        (base, center) =>
          input.approve
            ? licenceDecision({ ...base, resultName, resultNumber, validTo: input.resultValidTo })
            : denialDecision({ ...base, reasons: [input.reason ?? '不符合法定条件'], ...rightsOf(center) }),
        todayIn(),
      );
      return {
        opinion: input.reason ?? (input.approve ? '准予许可' : null),
        stepName:
          party(row) === 'window'
            ? '窗口当场办结（首席事务代表授权）'
            : input.approve
              ? '准予许可'
              : '不予许可',
        set: {
          decided_at: new Date(),
          decided_by: staffId(ctx),
          decision_reason: input.reason ?? null,
          result_name: input.approve ? resultName : null,
          result_number: input.approve ? resultNumber : null,
          result_valid_to: input.resultValidTo ?? null,
        },
        notices: [
          await windowNotice(
            trx,
            row.region_code,
            id,
            `办件已办结待出件：${row.item_name}（${row.applicant_name}）`,
          ),
        ],
      };
    },
  });
}
