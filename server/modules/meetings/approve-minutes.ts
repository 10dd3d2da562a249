// 签发会议纪要: the chair approves the draft as it stands (the meeting record and the summary at
// this version); any later change to either clears the signature.
import { problems } from '../../platform/http/problem.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { runMeetingEvent } from './meetings.workflow.ts';

export function approveMinutes(ctx: ActionContext, id: number, version: number) {
  return runMeetingEvent(ctx, id, version, 'approve_minutes', {
    check(_trx, row) {
      if (row.minutes_summary.trim().length < 10) {
        throw problems.unprocessable('纪要正文尚未起草（至少 10 个字），不能签发。');
      }
    },
    async effect() {
      return {
        set: { minutes_approved_at: new Date(), minutes_approved_by: ctx.principal.id },
        audit: {},
      };
    },
  });
}
