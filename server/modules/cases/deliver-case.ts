// 出件: the window hands the result over at the window, by post or online.
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { runCaseEvent } from './cases.workflow.ts';

export type DeliveryMethod = 'window' | 'post' | 'online';

const STEP_NAMES: Record<DeliveryMethod, string> = {
  window: '窗口出件',
  post: '邮寄送达',
  online: '网上送达',
};

export function deliverCase(ctx: ActionContext, id: number, version: number, method: DeliveryMethod) {
  return runCaseEvent(ctx, id, version, 'deliver', 'window', {
    effect: async () => ({
      set: { delivery_method: method, delivered_at: new Date() },
      stepName: STEP_NAMES[method],
    }),
  });
}
