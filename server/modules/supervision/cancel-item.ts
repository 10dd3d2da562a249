// 撤销督办: the supervising side withdraws an item that no longer applies, with a reason; its time
// limit closes as cancelled.
import { closeDeadline } from '../../platform/deadlines/deadlines.ts';
import { unitUsersWith } from '../../platform/notify/notify.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { runItemEvent } from './supervision.workflow.ts';

export function cancelItem(ctx: ActionContext, id: number, version: number, reason: string) {
  return runItemEvent(ctx, id, version, 'cancel', {
    async effect(trx, row) {
      if (row.deadline_id) await closeDeadline(trx, Number(row.deadline_id), 'cancelled');
      return {
        set: { cancel_reason: reason },
        audit: { reason },
        notices: [
          {
            userIds: await unitUsersWith(trx, Number(row.owner_unit_id), 'supervision:report'),
            kind: 'supervision.cancelled',
            title: `督办事项已撤销：${row.content}`.slice(0, 200),
            body: reason,
            link: `/supervision/${id}`,
          },
        ],
      };
    },
  });
}
