// 修改会议安排: while a meeting is a draft, its organiser changes the time, place, chair, topics
// and invited units.
import type { z } from 'zod';
import { problems } from '../../platform/http/problem.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { checkUnits } from './create-meeting.ts';
import { replaceTopics, setInvitees } from './meetings.repo.ts';
import type { MeetingEdit } from './meetings.schemas.ts';
import { checkStart, runMeetingEvent } from './meetings.workflow.ts';

export function editMeeting(
  ctx: ActionContext,
  id: number,
  version: number,
  input: z.infer<typeof MeetingEdit>,
) {
  return runMeetingEvent(ctx, id, version, 'edit', {
    async check(trx, row) {
      if (input.startsAt) checkStart(input.startsAt);
      if (input.chair && row.kind === 'joint') {
        throw problems.validation([
          { field: 'body.chair', message: '联席会议的主持人由召集人审定议题时指定' },
        ]);
      }
      if (input.topics && !input.topics.length) {
        throw problems.validation([{ field: 'body.topics', message: '请至少列出一个议题' }]);
      }
      if (input.inviteeUnitIds) {
        if (!input.inviteeUnitIds.length) {
          throw problems.validation([{ field: 'body.inviteeUnitIds', message: '请至少邀请一个参会单位' }]);
        }
        await checkUnits(trx, row.region_code, input.inviteeUnitIds, 'body.inviteeUnitIds');
      }
    },
    async effect(trx) {
      if (input.topics) await replaceTopics(trx, id, input.topics);
      if (input.inviteeUnitIds) await setInvitees(trx, id, input.inviteeUnitIds);
      return {
        set: {
          ...(input.title ? { title: input.title } : {}),
          ...(input.startsAt ? { starts_at: new Date(input.startsAt) } : {}),
          ...(input.place ? { place: input.place } : {}),
          ...(input.chair ? { chair: input.chair } : {}),
          ...(input.urgent !== undefined ? { urgent: input.urgent } : {}),
          ...(input.noticeDays !== undefined ? { notice_days: input.noticeDays } : {}),
          // A changed agenda or list of units is approved again.
          ...(input.topics || input.inviteeUnitIds
            ? { agenda_approved_at: null, agenda_approved_by: null }
            : {}),
        },
        audit: { fields: Object.keys(input) },
      };
    },
  });
}
