// 申报议题: an invited unit proposes a topic for a meeting being prepared; the office (the
// organiser) accepts it onto the agenda or declines it with a reason.
import type { z } from 'zod';
import { problems } from '../../platform/http/problem.ts';
import { unitUsersWith } from '../../platform/notify/notify.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { attendsFor } from './meetings.policy.ts';
import { insertProposal } from './meetings.repo.ts';
import type { ProposalInput } from './meetings.schemas.ts';
import { runMeetingEvent } from './meetings.workflow.ts';

export function proposeTopic(ctx: ActionContext, id: number, input: z.infer<typeof ProposalInput>) {
  let unit: { unit_id: number; unit_name: string } | undefined;
  return runMeetingEvent(ctx, id, undefined, 'propose_topic', {
    check(_trx, _row, facts) {
      const mine = attendsFor(ctx.principal, facts.invitees);
      unit = input.unitId === undefined ? mine[0] : mine.find((i) => Number(i.unit_id) === input.unitId);
      if (!unit) throw problems.validation([{ field: 'body.unitId', message: '该单位未被邀请参加本次会议' }]);
      if (input.unitId === undefined && mine.length > 1) {
        throw problems.validation([{ field: 'body.unitId', message: '您可代多个受邀单位申报，请选择单位' }]);
      }
      if (facts.proposals.some((p) => p.state === 'proposed' && p.title === input.title)) {
        throw problems.conflict('该议题已申报，正在等待处理。');
      }
    },
    async effect(trx, row) {
      const proposalId = await insertProposal(trx, {
        meeting_id: id,
        unit_id: Number(unit!.unit_id),
        title: input.title,
        reason: input.reason,
        proposed_by: ctx.principal.id,
      });
      return {
        timeline: {
          kind: 'meeting.proposal',
          title: `${unit!.unit_name}申报议题：${input.title}`.slice(0, 200),
        },
        audit: { proposalId, unitId: Number(unit!.unit_id), title: input.title },
        notices: [
          {
            userIds: await unitUsersWith(trx, Number(row.center_unit_id), 'meeting:manage'),
            kind: 'meeting.proposal',
            title: `议题申报：${input.title}`.slice(0, 200),
            body: `${unit!.unit_name}为“${row.title}”申报议题，请处理。`,
            link: `/meetings/${id}`,
          },
        ],
      };
    },
  });
}
