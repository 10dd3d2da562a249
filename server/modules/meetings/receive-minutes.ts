// 签收会议纪要: each unit the issued minutes went to signs for the version it received; the
// organiser sees who has not and reminds them.
import type { z } from 'zod';
import { problems } from '../../platform/http/problem.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { attendsFor } from './meetings.policy.ts';
import { markReceived } from './meetings.repo.ts';
import type { ReceiptInput } from './meetings.schemas.ts';
import { runMeetingEvent } from './meetings.workflow.ts';

export function receiveMinutes(ctx: ActionContext, id: number, input: z.infer<typeof ReceiptInput>) {
  let receipt: { id: number; unit_name: string; unit_id: number } | undefined;
  return runMeetingEvent(ctx, id, undefined, 'receive_minutes', {
    check(_trx, _row, facts) {
      const mine = attendsFor(
        ctx.principal,
        facts.receipts.filter((r) => r.received_at === null),
      );
      receipt = input.unitId === undefined ? mine[0] : mine.find((r) => Number(r.unit_id) === input.unitId);
      if (!receipt)
        throw problems.validation([{ field: 'body.unitId', message: '该单位不是纪要的发送单位或已签收' }]);
      if (input.unitId === undefined && mine.length > 1) {
        throw problems.validation([{ field: 'body.unitId', message: '您可代多个单位签收，请选择单位' }]);
      }
    },
    async effect(trx) {
      await markReceived(trx, Number(receipt!.id), ctx.principal.id);
      return {
        timeline: { kind: 'meeting.receipt', title: `${receipt!.unit_name}签收会议纪要` },
        audit: { unitId: Number(receipt!.unit_id) },
      };
    },
  });
}
