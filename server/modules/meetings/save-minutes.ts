// 起草会议纪要: the organiser writes the minutes' summary (the decisions come from the meeting
// record). A changed draft needs the chair's signature again.
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { runMeetingEvent } from './meetings.workflow.ts';

export function saveMinutes(ctx: ActionContext, id: number, version: number, summary: string) {
  return runMeetingEvent(ctx, id, version, 'save_minutes', {
    async effect() {
      return {
        set: { minutes_summary: summary, minutes_approved_at: null, minutes_approved_by: null },
        audit: { length: summary.length },
      };
    },
  });
}
