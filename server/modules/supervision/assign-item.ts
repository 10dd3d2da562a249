// 领导批示交办: the leader in charge (or the supervision office) hands a unit a task with a due
// date; it is tracked like every other obligation.
import type { z } from 'zod';
import { transaction } from '../../db/client.ts';
import { problems } from '../../platform/http/problem.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { checkUnits } from '../meetings/create-meeting.ts';
import type { AssignInput } from './supervision.schemas.ts';
import { trackItem } from './track-item.ts';

export function assignItem(ctx: ActionContext, input: z.infer<typeof AssignInput>) {
  const p = ctx.principal;
  if (p.kind !== 'staff') throw problems.forbidden('仅限工作人员使用。');
  return transaction(ctx.db, async (trx) => {
    const [owner] = await checkUnits(trx, p.regionCode, [input.ownerUnitId], 'body.ownerUnitId');
    if (!owner) throw problems.validation([{ field: 'body.ownerUnitId', message: '请选择责任单位' }]);
    return trackItem(trx, ctx.actor, {
      source: 'instruction',
      sourceTitle: input.sourceTitle ?? `${p.displayName}交办`,
      regionCode: p.regionCode,
      ownerUnitId: Number(owner.id),
      ownerName: owner.name,
      responsiblePerson: input.responsiblePerson ?? null,
      content: input.content,
      due: input.dueOn ? { on: input.dueOn } : { days: input.dueDays! },
      createdBy: p.id,
    });
  });
}
