// 起草纪要更正稿: issued minutes are never edited. A correction is drafted with its reason, signed
// by the chair and issued as a new version that supersedes the old one (issue-minutes.ts); the
// decisions and their tracked items stay as issued.
import type { z } from 'zod';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import type { CorrectionInput } from './meetings.schemas.ts';
import { runMeetingEvent } from './meetings.workflow.ts';

export function correctMinutes(
  ctx: ActionContext,
  id: number,
  version: number,
  input: z.infer<typeof CorrectionInput>,
) {
  return runMeetingEvent(ctx, id, version, 'correct_minutes', {
    async effect() {
      return {
        set: {
          minutes_summary: input.summary,
          correction_reason: input.reason,
          minutes_approved_at: null,
          minutes_approved_by: null,
        },
        audit: { reason: input.reason, length: input.summary.length },
      };
    },
  });
}
