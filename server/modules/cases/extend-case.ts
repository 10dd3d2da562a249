// 延长审批 (行政许可法 Art. 42, R-CASE-4): the department's head adds days (in the item's unit) to the
// case's time limit once; the clock keeps running. Recorded as a special procedure of kind 1.
import { todayIn } from '../../../lib/dates.ts';
import { DAY_UNIT_WORDS } from '../../platform/calendar/engine.ts';
import { extendDeadline } from '../../platform/deadlines/deadlines.ts';
import { problems } from '../../platform/http/problem.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { insertSpecialProcedure } from './cases.repo.ts';
import { runCaseEvent, staffId } from './cases.workflow.ts';

export function extendCase(
  ctx: ActionContext,
  id: number,
  version: number,
  input: { days: number; reason: string },
) {
  return runCaseEvent(ctx, id, version, 'extend', 'department', {
    check(_trx, row) {
      if (!row.deadline_id) throw problems.unprocessable('办件尚未开始计时。');
    },
    async effect(trx, row) {
      const on = todayIn();
      const r = await extendDeadline(trx, Number(row.deadline_id), {
        days: input.days,
        reason: input.reason,
        by: staffId(ctx),
      });
      const due = r.dueDate ? `，承诺办结日延至 ${r.dueDate}` : '';
      const days = `${input.days} ${DAY_UNIT_WORDS[row.promised_unit]}`;
      await insertSpecialProcedure(trx, {
        case_id: id,
        kind: 'extension',
        kind_code: '1',
        reason: input.reason,
        requester: ctx.principal.displayName,
        started_on: on,
        ended_on: on,
        result: `延长 ${days}${due}`,
        unit_id: Number(row.department_id),
        handler_user_id: staffId(ctx),
      });
      return {
        opinion: `${input.reason}（延长 ${days}${due}）`,
        stepName: `延长审批期限 ${days}`,
        set: { promised_due: r.dueDate, extended_days: input.days },
      };
    },
  });
}
