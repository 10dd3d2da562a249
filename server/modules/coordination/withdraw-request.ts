// 撤回: the submitter withdraws a request not yet taken up.
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { runRequestEvent } from './coordination.workflow.ts';
import { closeStep } from './ladder.ts';

export function withdrawRequest(ctx: ActionContext, id: number, version: number) {
  return runRequestEvent(ctx, id, version, 'withdraw', {
    async effect(trx) {
      await closeStep(trx, id);
      return {
        set: { closed_at: new Date() },
        event: { kind: 'withdrawn', title: '申请人撤回', public: true },
      };
    },
  });
}
