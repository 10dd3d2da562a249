// 提醒: before the meeting, every invited unit that has not acknowledged the notice; after the
// minutes, every unit that has not signed for them. The organiser reminds at any time; the minute
// sweep (meeting-sweep.ts) reminds once by itself a day before the meeting and two days after the
// minutes.
import type { Db } from '../../db/client.ts';
import { problems } from '../../platform/http/problem.ts';
import { type NewNotification, unitUsersWith } from '../../platform/notify/notify.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { type MeetingRow, markReceiptsReminded, markReminded } from './meetings.repo.ts';
import { type Facts, runMeetingEvent } from './meetings.workflow.ts';

/** Marks the silent units reminded and returns what the reminder says, or null when none is silent. */
export async function remindSilent(trx: Db, row: MeetingRow, facts: Facts, by: 'organiser' | 'system') {
  const id = Number(row.id);
  const afterMinutes = row.state === 'minutes_issued';
  const silent = afterMinutes
    ? facts.receipts.filter((r) => r.received_at === null)
    : facts.invitees.filter((i) => i.acknowledged_at === null);
  if (!silent.length) return null;
  if (afterMinutes)
    await markReceiptsReminded(
      trx,
      silent.map((r) => Number(r.id)),
    );
  else
    await markReminded(
      trx,
      silent.map((i) => Number(i.id)),
    );
  const notices: NewNotification[] = [];
  for (const s of silent) {
    notices.push({
      userIds: await unitUsersWith(trx, Number(s.unit_id), 'meeting:attend'),
      kind: 'meeting.remind',
      title: `${afterMinutes ? '请签收会议纪要' : '请回执会议通知'}：${row.title}`.slice(0, 200),
      body: afterMinutes
        ? `${s.unit_name}尚未签收会议纪要，请签收并落实议定事项。`
        : `${s.unit_name}尚未回执，请尽快确定参会人员。`,
      link: `/meetings/${id}`,
      // Once per unit by the system: per notice, and per version of the minutes.
      ...(by === 'system'
        ? {
            dedupeKey: `meeting-remind:${id}:${afterMinutes ? `minutes-${row.minutes_document_id}` : 'notice'}:${s.unit_id}`,
          }
        : {}),
    });
  }
  const names = silent.map((s) => s.unit_name).join('、');
  return {
    timeline: {
      kind: 'meeting.remind',
      title:
        `${by === 'system' ? '系统自动' : ''}提醒 ${silent.length} 个单位${afterMinutes ? '签收纪要' : '回执'}：${names}`.slice(
          0,
          200,
        ),
    },
    audit: { units: silent.map((s) => Number(s.unit_id)), of: afterMinutes ? 'minutes' : 'notice', by },
    notices,
  };
}

export function remindInvitees(ctx: ActionContext, id: number) {
  return runMeetingEvent(ctx, id, undefined, 'remind', {
    async effect(trx, row, facts) {
      const change = await remindSilent(trx, row, facts, 'organiser');
      if (!change) {
        throw problems.conflict(
          row.state === 'minutes_issued'
            ? '所有单位均已签收纪要，无需提醒。'
            : '所有受邀单位均已回执，无需提醒。',
        );
      }
      return change;
    },
  });
}
