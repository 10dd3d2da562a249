// 办结: the coordinator (or the handling level) closes a request with its resolution once no
// commitment is open; unanswered consultations are cancelled.
import type { z } from 'zod';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { cancelOpenConsultations } from './consult.ts';
import type { CloseInput } from './coordination.schemas.ts';
import { runRequestEvent } from './coordination.workflow.ts';
import { closeStep } from './ladder.ts';

export function closeRequest(
  ctx: ActionContext,
  id: number,
  version: number,
  input: z.infer<typeof CloseInput>,
) {
  return runRequestEvent(ctx, id, version, 'close', {
    async effect(trx) {
      await closeStep(trx, id);
      await cancelOpenConsultations(trx, id);
      return {
        set: { resolution: input.resolution, closed_at: new Date() },
        event: { kind: 'closed', title: '办结', detail: input.resolution, public: true },
      };
    },
  });
}
