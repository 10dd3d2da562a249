// 提醒未回执单位: the organiser reminds every invited unit that has not acknowledged the notice.
import { problems } from '../../platform/http/problem.ts';
import { type NewNotification, unitUsersWith } from '../../platform/notify/notify.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { markReminded } from './meetings.repo.ts';
import { runMeetingEvent } from './meetings.workflow.ts';

export function remindInvitees(ctx: ActionContext, id: number) {
  return runMeetingEvent(ctx, id, undefined, 'remind', {
    check(_trx, _row, facts) {
      if (facts.invitees.every((i) => i.acknowledged_at !== null)) {
        throw problems.conflict('所有受邀单位均已回执，无需提醒。');
      }
    },
    async effect(trx, row, facts) {
      const silent = facts.invitees.filter((i) => i.acknowledged_at === null);
      await markReminded(
        trx,
        silent.map((i) => Number(i.id)),
      );
      const notices: NewNotification[] = [];
      for (const i of silent) {
        notices.push({
          userIds: await unitUsersWith(trx, Number(i.unit_id), 'meeting:attend'),
          kind: 'meeting.remind',
          title: `请回执会议通知：${row.title}`.slice(0, 200),
          body: `${i.unit_name}尚未回执，请尽快确定参会人员。`,
          link: `/meetings/${id}`,
        });
      }
      return {
        timeline: {
          kind: 'meeting.remind',
          title: `提醒 ${silent.length} 个单位回执：${silent.map((i) => i.unit_name).join('、')}`,
        },
        audit: { units: silent.map((i) => Number(i.unit_id)) },
        notices,
      };
    },
  });
}
