// 记录会议召开情况: once the meeting has started, the organiser records who attended (present,
// substitute, absent with a reason), the discussion of each topic and the decisions (议定事项), each
// with an owner unit and a due date. It may be saved again until the minutes are issued.
import type { z } from 'zod';
import { problems } from '../../platform/http/problem.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { checkUnits } from './create-meeting.ts';
import { replaceDecisions, setAttendance, topicsOf, updateDiscussion } from './meetings.repo.ts';
import type { HoldInput } from './meetings.schemas.ts';
import { runMeetingEvent } from './meetings.workflow.ts';

export function holdMeeting(
  ctx: ActionContext,
  id: number,
  version: number,
  input: z.infer<typeof HoldInput>,
) {
  return runMeetingEvent(ctx, id, version, 'hold', {
    async check(trx, row, facts) {
      const invited = new Set(facts.invitees.map((i) => Number(i.unit_id)));
      const stray = input.attendance.filter((a) => !invited.has(a.unitId));
      if (stray.length) {
        throw problems.validation([{ field: 'body.attendance', message: '出席情况只能记录受邀单位' }]);
      }
      for (const a of input.attendance) {
        if (a.attendance === 'absent' && !a.absenceReason) {
          throw problems.validation([{ field: 'body.attendance', message: '缺席单位请写明原因' }]);
        }
        if (a.attendance !== 'absent' && !a.attendee) {
          throw problems.validation([{ field: 'body.attendance', message: '出席单位请写明出席人员' }]);
        }
      }
      const topics = await topicsOf(trx, id);
      const bad = input.decisions.find(
        (d) => d.topicSeq !== undefined && !topics.some((t) => t.seq === d.topicSeq),
      );
      if (bad)
        throw problems.validation([{ field: 'body.decisions', message: `议题 ${bad.topicSeq} 不存在` }]);
      const owners = input.decisions.flatMap((d) => [d.ownerUnitId, ...d.coOwnerUnitIds]);
      if (owners.length) await checkUnits(trx, row.region_code, owners, 'body.decisions');
    },
    async effect(trx, row, facts) {
      for (const a of input.attendance) {
        const i = facts.invitees.find((x) => Number(x.unit_id) === a.unitId)!;
        await setAttendance(trx, Number(i.id), {
          attendance: a.attendance,
          attendee: a.attendance === 'absent' ? i.attendee : (a.attendee ?? null),
          absence_reason: a.attendance === 'absent' ? (a.absenceReason ?? null) : null,
        });
      }
      const topics = await topicsOf(trx, id);
      for (const d of input.discussions) {
        const t = topics.find((x) => x.seq === d.seq);
        if (t) await updateDiscussion(trx, Number(t.id), d.discussion);
      }
      await replaceDecisions(
        trx,
        id,
        input.decisions.map((d) => {
          const topic = d.topicSeq === undefined ? undefined : topics.find((t) => t.seq === d.topicSeq);
          return {
            topic_id: topic?.id ?? null,
            request_id: topic?.request_id ?? row.request_id,
            content: d.content,
            owner_unit_id: d.ownerUnitId,
            co_owner_unit_ids: d.coOwnerUnitIds,
            due_days: d.dueDays ?? null,
            due_on: d.dueOn ?? null,
          };
        }),
      );
      const first = row.state !== 'held';
      return {
        // A changed record needs the chair's signature again.
        set: { minutes_approved_at: null, minutes_approved_by: null },
        ...(first
          ? {
              timeline: {
                kind: 'meeting.hold',
                title: `召开${row.title}`,
                detail: `出席 ${input.attendance.filter((a) => a.attendance !== 'absent').length} 个单位，议定事项 ${input.decisions.length} 项。`,
                public: true,
              },
            }
          : {}),
        audit: { decisions: input.decisions.length, attendance: input.attendance.length },
      };
    },
  });
}
