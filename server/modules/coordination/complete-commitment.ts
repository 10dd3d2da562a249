// 报告办结: the committed department (or the center) reports a commitment done; its deadline
// closes, and when the request's last one is done its coordinators are told it can be closed.
import type { z } from 'zod';
import { conflict, forbidden } from '../../../lib/verdict.ts';
import { closeDeadline } from '../../platform/deadlines/deadlines.ts';
import { problems } from '../../platform/http/problem.ts';
import { type NewNotification, unitUsersWith } from '../../platform/notify/notify.ts';
import { type ActionContext, runAction } from '../../platform/workflow/runner.ts';
import { openCommitmentCount, updateCommitment } from './commitments.repo.ts';
import { commitmentWorkflow } from './commitments.ts';
import { commitmentActions } from './coordination.policy.ts';
import type { DoneInput } from './coordination.schemas.ts';

export function completeCommitment(
  ctx: ActionContext,
  id: number,
  version: number,
  input: z.infer<typeof DoneInput>,
) {
  return runAction(ctx, commitmentWorkflow, id, version, {
    decide: (k) => {
      if (k.status !== 'open') return conflict('该承诺事项已办结。');
      if (!commitmentActions(ctx.principal, k).includes('done'))
        return forbidden('只有承诺部门或中心协调人员可以报告办结。');
      return { ok: true, audit: 'commitment.done' as const };
    },
    async effect(trx, k) {
      if (
        !(await updateCommitment(trx, id, version, {
          status: 'done',
          done_at: new Date(),
          done_note: input.note,
        }))
      ) {
        throw problems.preconditionFailed('承诺事项已被他人修改，请刷新后再操作。');
      }
      if (k.deadline_id) await closeDeadline(trx, Number(k.deadline_id), 'done');
      const notices: NewNotification[] = [];
      if ((await openCommitmentCount(trx, Number(k.request_id))) === 0) {
        notices.push({
          userIds: await unitUsersWith(trx, Number(k.center_unit_id), 'coordination:manage'),
          kind: 'coordination.commitments_done',
          title: `协调事项 ${k.request_number} 的承诺事项已全部办结`,
          body: `${k.project_name}：可以办结该协调事项。`,
          link: `/coordination/${k.request_id}`,
        });
      }
      return {
        event: {
          kind: 'commitment.done',
          title: `${k.department_name}承诺事项办结`,
          detail: `${k.content}：${input.note}`,
          public: true,
        },
        summary: { note: input.note },
        notices,
      };
    },
  });
}
