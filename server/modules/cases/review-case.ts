// 逐级审查: a reviewer passes the case to the next level or returns it to the previous one, with an
// opinion; the last level's decision is decide-case.ts.
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { runCaseEvent } from './cases.workflow.ts';

export function passCase(ctx: ActionContext, id: number, version: number, opinion: string) {
  return runCaseEvent(ctx, id, version, 'pass', 'department', {
    effect: async (_trx, row) => ({ opinion, stepName: `第 ${row.review_level} 级审查通过` }),
  });
}

export function returnCase(ctx: ActionContext, id: number, version: number, opinion: string) {
  return runCaseEvent(ctx, id, version, 'return', 'department', {
    effect: async (_trx, row) => ({ opinion, stepName: `第 ${row.review_level} 级退回` }),
  });
}
