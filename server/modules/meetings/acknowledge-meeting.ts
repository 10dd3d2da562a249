// 会议通知回执: an invited unit acknowledges the notice and names who attends (a substitute is
// recorded as such). The organiser sees who has not answered.
import type { z } from 'zod';
import { problems } from '../../platform/http/problem.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { attendsFor } from './meetings.policy.ts';
import { acknowledgeInvitee } from './meetings.repo.ts';
import type { Acknowledge } from './meetings.schemas.ts';
import { runMeetingEvent } from './meetings.workflow.ts';

export function acknowledgeMeeting(ctx: ActionContext, id: number, input: z.infer<typeof Acknowledge>) {
  let unit: { unit_id: number; unit_name: string } | undefined;
  return runMeetingEvent(ctx, id, undefined, 'acknowledge', {
    check(_trx, _row, facts) {
      const mine = attendsFor(ctx.principal, facts.invitees);
      unit = input.unitId === undefined ? mine[0] : mine.find((i) => Number(i.unit_id) === input.unitId);
      if (!unit) {
        throw problems.validation([{ field: 'body.unitId', message: '该单位未被邀请参加本次会议' }]);
      }
      if (input.unitId === undefined && mine.length > 1) {
        throw problems.validation([{ field: 'body.unitId', message: '您可代多个受邀单位回执，请选择单位' }]);
      }
    },
    async effect(trx) {
      await acknowledgeInvitee(trx, id, Number(unit!.unit_id), {
        attendee: input.attendee,
        substitute: input.substitute,
        acknowledged_by: ctx.principal.id,
      });
      return {
        timeline: {
          kind: 'meeting.acknowledge',
          title: `${unit!.unit_name}回执：${input.attendee}${input.substitute ? '（委托出席）' : ''}参会`,
        },
        audit: { unitId: Number(unit!.unit_id), attendee: input.attendee, substitute: input.substitute },
      };
    },
  });
}
