// 分送部门: the window hands an accepted case to the department; review starts at level 1.
import { unitUsersWith } from '../../platform/notify/notify.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { runCaseEvent } from './cases.workflow.ts';

export function dispatchCase(ctx: ActionContext, id: number, version: number) {
  return runCaseEvent(ctx, id, version, 'dispatch', 'window', {
    async effect(trx, row) {
      const reviewers = await unitUsersWith(trx, Number(row.department_id), 'case:review');
      return {
        stepName: '分送部门',
        notices: [
          {
            userIds: reviewers,
            kind: 'case',
            title: `新办件待审查：${row.item_name}（${row.applicant_name}）`,
            link: `/cases/${id}`,
          },
        ],
      };
    },
  });
}
