// 退回补充: the coordinator or the handling level returns a submitted request, naming what is missing.
import type { z } from 'zod';
import { CONTENT_LABELS } from '../../../lib/coordination.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import type { ReturnInput } from './coordination.schemas.ts';
import { runRequestEvent } from './coordination.workflow.ts';
import { closeStep } from './ladder.ts';

export function returnRequest(
  ctx: ActionContext,
  id: number,
  version: number,
  input: z.infer<typeof ReturnInput>,
) {
  return runRequestEvent(ctx, id, version, 'return', {
    async effect(trx) {
      await closeStep(trx, id);
      const what = input.missing.map((k) => CONTENT_LABELS[k]).join('、');
      return {
        set: { returned_missing: input.missing, return_note: input.note },
        event: {
          kind: 'returned',
          title: '退回补充',
          detail: `${what ? `请补充：${what}。` : ''}${input.note}`,
          public: true,
        },
        audit: { missing: input.missing },
      };
    },
  });
}
