// 归档: a delivered or rejected case is filed; nothing more happens to it.
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { runCaseEvent } from './cases.workflow.ts';

export function archiveCase(ctx: ActionContext, id: number, version: number) {
  return runCaseEvent(ctx, id, version, 'archive', 'window', {
    effect: async () => ({ set: { archived_at: new Date() } }),
  });
}
