// 特别程序 (R-CASE-4, R-CAT-5): a department stops the case's clock for one of the procedures its
// item lists (现场勘验, 专家评审, 听证 …) and restarts it with the result; the due date moves by the
// days the clock stood still. Recorded as special procedures of kind 2.
import { SUSPENSION_KIND_LABELS } from '../../../lib/catalog-codes.ts';
import { type IsoDate, todayIn } from '../../../lib/dates.ts';
import { resumeDeadline, suspendDeadline } from '../../platform/deadlines/deadlines.ts';
import { problems } from '../../platform/http/problem.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { endSpecialProcedure, insertSpecialProcedure } from './cases.repo.ts';
import { runCaseEvent, staffId } from './cases.workflow.ts';

const kindLabel = (kind: string) =>
  SUSPENSION_KIND_LABELS[kind as keyof typeof SUSPENSION_KIND_LABELS] ?? kind;

export function suspendCase(
  ctx: ActionContext,
  id: number,
  version: number,
  input: { kind: string; reason: string; from?: IsoDate },
) {
  return runCaseEvent(ctx, id, version, 'suspend', 'department', {
    check(_trx, row) {
      if (!row.suspension_kinds.includes(input.kind)) {
        throw problems.unprocessable(
          `“${row.item_name}”的事项清单未设置“${kindLabel(input.kind)}”特别程序，不能以此挂起计时。`,
        );
      }
      if (!row.deadline_id) throw problems.unprocessable('办件尚未开始计时。');
    },
    async effect(trx, row) {
      const from = input.from ?? todayIn();
      await suspendDeadline(trx, Number(row.deadline_id), {
        kind: input.kind,
        from,
        reason: input.reason,
        by: staffId(ctx),
      });
      await insertSpecialProcedure(trx, {
        case_id: id,
        kind: input.kind,
        kind_code: '2',
        reason: input.reason,
        requester: ctx.principal.displayName,
        started_on: from,
        unit_id: Number(row.department_id),
        handler_user_id: staffId(ctx),
      });
      return { opinion: input.reason, stepName: `特别程序开始：${kindLabel(input.kind)}` };
    },
  });
}

export function resumeCase(
  ctx: ActionContext,
  id: number,
  version: number,
  input: { to?: IsoDate; result: string; opinion?: string },
) {
  return runCaseEvent(ctx, id, version, 'resume', 'department', {
    async effect(trx, row) {
      const to = input.to ?? todayIn();
      const ended = await endSpecialProcedure(trx, id, {
        ended_on: to,
        result: input.result,
        opinion: input.opinion ?? null,
      });
      if (!ended) throw problems.conflict('没有进行中的特别程序。');
      const r = await resumeDeadline(trx, Number(row.deadline_id), to);
      return {
        opinion: input.result,
        stepName: `特别程序结束：${kindLabel(ended.kind)}`,
        set: r ? { promised_due: r.dueDate } : {},
      };
    },
  });
}
