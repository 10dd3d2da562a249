// 撤回申请: the applicant (or the window on its behalf) withdraws an application not yet accepted.
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { applicantSide } from './cases.policy.ts';
import { runCaseEvent } from './cases.workflow.ts';

export function withdrawCase(ctx: ActionContext, id: number, version: number) {
  return runCaseEvent(ctx, id, version, 'withdraw', applicantSide(ctx.principal));
}
