// 申请延期 / 审核延期: the owner asks for more working days with a reason; the supervising side
// grants (the ledger extends the due date, and says why) or refuses with a reason.
import type { z } from 'zod';
import { extendDeadline } from '../../platform/deadlines/deadlines.ts';
import { problems } from '../../platform/http/problem.ts';
import { regionUsersWith, unitUsersWith } from '../../platform/notify/notify.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { decideExtension as decide, insertExtension } from './supervision.repo.ts';
import type { ExtensionDecision, ExtensionInput } from './supervision.schemas.ts';
import { runItemEvent } from './supervision.workflow.ts';

export function requestExtension(ctx: ActionContext, id: number, input: z.infer<typeof ExtensionInput>) {
  return runItemEvent(ctx, id, undefined, 'request_extension', {
    async effect(trx, row) {
      await insertExtension(trx, {
        item_id: id,
        days: input.days,
        reason: input.reason,
        requested_by: ctx.principal.id,
      });
      return {
        audit: { days: input.days, reason: input.reason },
        notices: [
          {
            userIds: await regionUsersWith(trx, row.region_code, 'supervision:manage'),
            kind: 'supervision.extension',
            title: `延期申请：${row.owner_name} ${row.content}`.slice(0, 200),
            body: `申请延期 ${input.days} 个工作日：${input.reason}`,
            link: `/supervision/${id}`,
          },
        ],
      };
    },
  });
}

export function decideExtension(
  ctx: ActionContext,
  id: number,
  version: number,
  input: z.infer<typeof ExtensionDecision>,
) {
  return runItemEvent(ctx, id, version, 'decide_extension', {
    async effect(trx, row, facts) {
      const pending = facts.extensions.find((e) => e.state === 'pending')!;
      await decide(trx, Number(pending.id), {
        state: input.grant ? 'granted' : 'refused',
        decided_by: ctx.principal.id,
        refuse_reason: input.grant ? null : (input.reason ?? null),
      });
      let dueDate = row.due_date;
      if (input.grant) {
        if (!row.deadline_id) throw problems.conflict('该督办事项没有时限，无需延期。');
        const r = await extendDeadline(trx, Number(row.deadline_id), {
          days: pending.days,
          reason: `督办延期：${pending.reason}`,
          by: ctx.principal.id,
        });
        dueDate = r.dueDate;
      }
      return {
        audit: { grant: input.grant, days: pending.days, dueDate },
        notices: [
          {
            userIds: await unitUsersWith(trx, Number(row.owner_unit_id), 'supervision:report'),
            kind: 'supervision.extension',
            title: `延期申请${input.grant ? '已同意' : '未同意'}：${row.content}`.slice(0, 200),
            body: input.grant ? `办结时限延至 ${dueDate}。` : `理由：${input.reason}`,
            link: `/supervision/${id}`,
          },
        ],
      };
    },
  });
}
