// 催办: the supervising side urges an open item; the urging is recorded with its rule and the
// warning level at the time (R-SUP-1), counted, and the owner is told.
import { todayIn } from '../../../lib/dates.ts';
import { warningLevelFromDates } from '../../../lib/warning.ts';
import { unitUsersWith } from '../../platform/notify/notify.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { countUrging, insertUrging } from './supervision.repo.ts';
import { runItemEvent } from './supervision.workflow.ts';

export function urgeItem(ctx: ActionContext, id: number, note: string) {
  return runItemEvent(ctx, id, undefined, 'urge', {
    async effect(trx, row) {
      const warning = warningLevelFromDates(todayIn(), row.due_date, row.yellow_from);
      await insertUrging(trx, {
        item_id: id,
        rule: 'manual',
        warning,
        note,
        due_date: row.due_date,
        urged_by: ctx.principal.id,
      });
      await countUrging(trx, id);
      return {
        audit: { count: row.urged_count + 1, warning },
        notices: [
          {
            userIds: await unitUsersWith(trx, Number(row.owner_unit_id), 'supervision:report'),
            kind: 'supervision.urged',
            title: `【催办】${row.content}`.slice(0, 200),
            body: `${row.due_date ? `应于 ${row.due_date} 前办结，` : ''}请抓紧办理并报告进展。${note}`,
            link: `/supervision/${id}`,
          },
        ],
      };
    },
  });
}
