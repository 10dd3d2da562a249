// 领导批示: at the top of the ladder the leader instructs; the instruction becomes a tracked
// commitment of the owning unit (the center unless another is named) with its own deadline.
import type { z } from 'zod';
import { todayIn } from '../../../lib/dates.ts';
import { createDeadline } from '../../platform/deadlines/deadlines.ts';
import { problems } from '../../platform/http/problem.ts';
import { unitUsersWith } from '../../platform/notify/notify.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { insertCommitment, setCommitment } from './commitments.repo.ts';
import { unitsNear } from './coordination.repo.ts';
import type { Instruct } from './coordination.schemas.ts';
import { runRequestEvent } from './coordination.workflow.ts';
import { closeStep } from './ladder.ts';

export function instruct(ctx: ActionContext, id: number, version: number, input: z.infer<typeof Instruct>) {
  let owner: { id: number; name: string } | null = null;
  return runRequestEvent(ctx, id, version, 'instruct', {
    async check(trx, row) {
      if (!input.ownerUnitId) return;
      const [u] = await unitsNear(trx, row.region_code, [input.ownerUnitId]);
      if (!u || (u.kind !== 'department' && u.kind !== 'center'))
        throw problems.unprocessable('落实单位应为中心或审批部门。');
      owner = { id: Number(u.id), name: u.name };
    },
    async effect(trx, r) {
      const own = owner ?? { id: Number(r.center_unit_id), name: r.center_name };
      await closeStep(trx, id);
      const k = await insertCommitment(trx, {
        request_id: id,
        department_id: own.id,
        content: `落实领导批示：${input.instruction}`.slice(0, 500),
        due_days: input.dueDays,
        status: 'open',
      });
      const deadline = await createDeadline(trx, {
        subjectType: 'coordination_commitment',
        subjectId: String(k.id),
        kind: 'commitment',
        title: `落实领导批示：${r.project_name}`.slice(0, 200),
        regionCode: r.region_code,
        unitId: own.id,
        startDate: todayIn(),
        limitDays: input.dueDays,
      });
      await setCommitment(trx, Number(k.id), { deadline_id: deadline.id });
      return {
        event: {
          kind: 'instructed',
          title: '分管领导批示',
          detail: `${input.instruction}（落实单位：${own.name}）`,
          public: true,
        },
        audit: { owner: own.id, dueDays: input.dueDays },
        notices: [
          {
            userIds: [
              ...(await unitUsersWith(trx, own.id, ['coordination:manage', 'consultation:reply'])),
              ...(await unitUsersWith(trx, Number(r.center_unit_id), 'coordination:manage')),
            ],
            kind: 'coordination.instructed',
            title: `领导批示：${r.project_name}（${r.number}）`,
            body: `${input.instruction}（由${own.name}于 ${input.dueDays} 个工作日内落实）`,
            link: `/coordination/${id}`,
          },
        ],
      };
    },
  });
}
