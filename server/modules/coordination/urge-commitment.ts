// 催办: the center's coordinators or the supervision office urge an open commitment; its
// department is told and the urging is counted and recorded.
import type { z } from 'zod';
import { conflict, forbidden } from '../../../lib/verdict.ts';
import { problems } from '../../platform/http/problem.ts';
import { unitUsersWith } from '../../platform/notify/notify.ts';
import { type ActionContext, runAction } from '../../platform/workflow/runner.ts';
import { countUrging } from './commitments.repo.ts';
import { commitmentWorkflow } from './commitments.ts';
import { commitmentActions } from './coordination.policy.ts';
import type { UrgeInput } from './coordination.schemas.ts';

export function urgeCommitment(ctx: ActionContext, id: number, input: z.infer<typeof UrgeInput>) {
  return runAction(ctx, commitmentWorkflow, id, undefined, {
    decide: (k) => {
      if (k.status !== 'open') return conflict('该承诺事项已办结，无需催办。');
      if (!commitmentActions(ctx.principal, k).includes('urge')) return forbidden('您无权催办该承诺事项。');
      return { ok: true, audit: 'commitment.urge' as const };
    },
    async effect(trx, k) {
      if (!(await countUrging(trx, id))) throw problems.conflict('该承诺事项已办结，无需催办。');
      return {
        event: {
          kind: 'commitment.urged',
          title: `催办${k.department_name}：${k.content}`.slice(0, 200),
          detail: input.note,
        },
        summary: { count: k.urged_count + 1 },
        notices: [
          {
            userIds: await unitUsersWith(trx, Number(k.department_id), [
              'consultation:reply',
              'coordination:manage',
            ]),
            kind: 'commitment.urged',
            title: `【催办】${k.content}`.slice(0, 200),
            body: `${k.project_name}（${k.request_number}）的承诺事项${k.due_date ? `应于 ${k.due_date} 前办结` : ''}，请抓紧办理。${input.note}`,
            link: '/commitments',
          },
        ],
      };
    },
  });
}
