// 审定议题: before a special or joint meeting's notice goes out its agenda is approved — by the
// leader in charge for a special meeting, by the joint-meeting system's convener for a joint one,
// who names its chair (the convener or a deputy convener). Changing the topics or the invited
// units afterwards needs the approval again.
import type { z } from 'zod';
import { problems } from '../../platform/http/problem.ts';
import { unitUsersWith } from '../../platform/notify/notify.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { findJointSystem, usersByIds } from './meeting-system.repo.ts';
import type { AgendaApproval } from './meetings.schemas.ts';
import { runMeetingEvent } from './meetings.workflow.ts';

export function approveAgenda(
  ctx: ActionContext,
  id: number,
  version: number,
  input: z.infer<typeof AgendaApproval>,
) {
  let chair: { id: number; name: string } | null = null;
  return runMeetingEvent(ctx, id, version, 'approve_agenda', {
    async check(trx, row) {
      if (row.kind !== 'joint') {
        if (input.chairUserId !== undefined) {
          throw problems.validation([
            { field: 'body.chairUserId', message: '只有联席会议由召集人指定主持人' },
          ]);
        }
        return;
      }
      const system = await findJointSystem(trx, row.region_code);
      const allowed = [system?.convener_user_id, ...(system?.deputy_user_ids ?? [])].map(Number);
      if (input.chairUserId === undefined || !allowed.includes(input.chairUserId)) {
        throw problems.validation([
          { field: 'body.chairUserId', message: '请指定主持人：召集人本人或一位副召集人' },
        ]);
      }
      const [user] = await usersByIds(trx, [input.chairUserId]);
      if (!user?.enabled) {
        throw problems.validation([{ field: 'body.chairUserId', message: '该主持人的账号已停用' }]);
      }
      chair = { id: Number(user.id), name: user.display_name };
    },
    async effect(trx, row, facts) {
      return {
        set: {
          agenda_approved_at: new Date(),
          agenda_approved_by: ctx.principal.id,
          ...(chair ? { chair_user_id: chair.id, chair: chair.name } : {}),
        },
        timeline: {
          kind: 'meeting.agenda',
          title: `审定议题 ${facts.topics} 项${chair ? `，由${chair.name}主持` : ''}`,
        },
        audit: { topics: facts.topics, chairUserId: chair?.id ?? null },
        notices: [
          {
            userIds: await unitUsersWith(trx, Number(row.center_unit_id), 'meeting:manage'),
            kind: 'meeting.agenda',
            title: `议题已审定：${row.title}`.slice(0, 200),
            body: `${ctx.principal.displayName}审定了 ${facts.topics} 项议题${chair ? `，指定${chair.name}主持` : ''}；可以印发会议通知。`,
            link: `/meetings/${id}`,
          },
        ],
      };
    },
  });
}
