// 取消会议: before it is held, the organiser cancels a meeting with a reason; invited units that
// were notified are told.
import { type NewNotification, unitUsersWith } from '../../platform/notify/notify.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { runMeetingEvent } from './meetings.workflow.ts';

export function cancelMeeting(ctx: ActionContext, id: number, version: number, reason: string) {
  return runMeetingEvent(ctx, id, version, 'cancel', {
    async effect(trx, row, facts) {
      const notices: NewNotification[] = [];
      if (row.state === 'convened') {
        for (const i of facts.invitees) {
          notices.push({
            userIds: await unitUsersWith(trx, Number(i.unit_id), 'meeting:attend'),
            kind: 'meeting.cancelled',
            title: `会议取消：${row.title}`.slice(0, 200),
            body: reason,
            link: `/meetings/${id}`,
          });
        }
      }
      return {
        set: { cancel_reason: reason },
        timeline: { kind: 'meeting.cancel', title: `取消会议：${row.title}`, detail: reason },
        audit: { reason },
        notices,
      };
    },
  });
}
