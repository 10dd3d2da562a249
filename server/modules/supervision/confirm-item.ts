// 确认办结 / 退回: the supervising side confirms a done report (the item and its time limit
// close) or returns it with a reason (the item is open again, its clock still running).
import { closeDeadline } from '../../platform/deadlines/deadlines.ts';
import { problems } from '../../platform/http/problem.ts';
import { unitUsersWith } from '../../platform/notify/notify.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { runItemEvent } from './supervision.workflow.ts';

export function confirmItem(ctx: ActionContext, id: number, version: number) {
  return runItemEvent(ctx, id, version, 'confirm', {
    async effect(trx, row) {
      if (row.deadline_id) await closeDeadline(trx, Number(row.deadline_id), 'done');
      return {
        set: { confirmed_at: new Date(), confirmed_by: ctx.principal.id },
        notices: [
          {
            userIds: await unitUsersWith(trx, Number(row.owner_unit_id), 'supervision:report'),
            kind: 'supervision.done',
            title: `督办事项已确认办结：${row.content}`.slice(0, 200),
            link: `/supervision/${id}`,
          },
        ],
      };
    },
  });
}

export function returnItem(ctx: ActionContext, id: number, version: number, reason: string) {
  return runItemEvent(ctx, id, version, 'return', {
    async effect(trx, row) {
      if (!reason) throw problems.validation([{ field: 'body.reason', message: '请写明退回理由' }]);
      return {
        set: { return_reason: reason, reported_at: null },
        audit: { reason },
        notices: [
          {
            userIds: await unitUsersWith(trx, Number(row.owner_unit_id), 'supervision:report'),
            kind: 'supervision.returned',
            title: `【退回】办结报告未获确认：${row.content}`.slice(0, 200),
            body: reason,
            link: `/supervision/${id}`,
          },
        ],
      };
    },
  });
}
