// 签发答复: the consulted department's lead signs its reply; from then on it counts and cannot
// change. A reply signed after its (possibly recomputed) due date is recorded as late.
import { STANCE_LABELS } from '../../../lib/coordination.ts';
import { todayIn } from '../../../lib/dates.ts';
import { closeDeadline } from '../../platform/deadlines/deadlines.ts';
import { unitUsersWith } from '../../platform/notify/notify.ts';
import { type ActionContext, runAction } from '../../platform/workflow/runner.ts';
import { unansweredCount } from './consultations.repo.ts';
import { consultationWorkflow } from './consultations.ts';
import { decideReply } from './coordination.policy.ts';
import { staffId } from './coordination.workflow.ts';

export function signReply(ctx: ActionContext, id: number, version: number) {
  return runAction(ctx, consultationWorkflow, id, version, {
    decide: (c) => {
      const v = decideReply(ctx.principal, c, 'sign');
      return v.ok ? { ok: true, audit: 'consultation.sign' as const } : v;
    },
    async effect(trx, c) {
      const late = todayIn() > (c.due_date ?? c.reply_by);
      if (c.deadline_id) await closeDeadline(trx, Number(c.deadline_id), 'done');
      // This reply is still unanswered until the commit below.
      const remaining = (await unansweredCount(trx, Number(c.request_id))) - 1;
      return {
        set: { status: 'answered' as const, signed_by: staffId(ctx), signed_at: new Date(), late },
        event: {
          kind: 'consultation.answered',
          title: `${c.department_name}答复：${STANCE_LABELS[c.stance!]}`,
          detail: `${c.opinion ?? ''}${late ? '（逾期答复）' : ''}`,
        },
        summary: { request: c.request_number, stance: c.stance, late },
        notices: [
          {
            userIds: await unitUsersWith(trx, Number(c.center_unit_id), 'coordination:manage'),
            kind: 'consultation.answered',
            title: `${c.department_name}已答复书面征询（${c.request_number}）`,
            body: remaining === 0 ? '各部门均已答复，请确定处理方式。' : `尚有 ${remaining} 个部门未答复。`,
            link: `/coordination/${c.request_id}`,
          },
        ],
      };
    },
  });
}
