// 处理议题申报: the office accepts a proposed topic onto the agenda (which then needs approving
// again) or declines it with a reason; the proposing unit is told either way.
import type { z } from 'zod';
import { problems } from '../../platform/http/problem.ts';
import { unitUsersWith } from '../../platform/notify/notify.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { decideProposal as decide, replaceTopics } from './meetings.repo.ts';
import type { ProposalDecision } from './meetings.schemas.ts';
import { runMeetingEvent } from './meetings.workflow.ts';

export function decideProposal(
  ctx: ActionContext,
  id: number,
  version: number,
  input: z.infer<typeof ProposalDecision>,
) {
  return runMeetingEvent(ctx, id, version, 'decide_proposal', {
    check(_trx, _row, facts) {
      const p = facts.proposals.find((x) => Number(x.id) === input.proposalId);
      if (!p) throw problems.notFound('该议题申报不存在。');
      if (p.state !== 'proposed') throw problems.conflict('该议题申报已处理。');
      if (input.accept && facts.topics >= 30) throw problems.conflict('议题已达 30 项，不能再列入。');
    },
    async effect(trx, row, facts) {
      const p = facts.proposals.find((x) => Number(x.id) === input.proposalId)!;
      await decide(trx, id, input.proposalId, {
        state: input.accept ? 'accepted' : 'declined',
        decided_by: ctx.principal.id,
        decline_reason: input.accept ? null : (input.reason ?? null),
      });
      if (input.accept) {
        await replaceTopics(trx, id, [
          ...facts.topicRows.map((t) => ({
            title: t.title,
            requestId: t.request_id === null ? null : Number(t.request_id),
          })),
          { title: p.title, requestId: null },
        ]);
      }
      return {
        // An agenda that gained a topic is approved again.
        set: input.accept ? { agenda_approved_at: null, agenda_approved_by: null } : {},
        timeline: {
          kind: 'meeting.proposal',
          title: `${input.accept ? '列入议程' : '不列入议程'}：${p.title}`.slice(0, 200),
          ...(input.reason ? { detail: input.reason } : {}),
        },
        audit: { proposalId: input.proposalId, accept: input.accept },
        notices: [
          {
            userIds: await unitUsersWith(trx, Number(p.unit_id), 'meeting:attend'),
            kind: 'meeting.proposal',
            title: `议题申报${input.accept ? '已列入议程' : '未列入议程'}：${p.title}`.slice(0, 200),
            body: input.accept ? `“${row.title}”将讨论该议题。` : `理由：${input.reason}`,
            link: `/meetings/${id}`,
          },
        ],
      };
    },
  });
}
