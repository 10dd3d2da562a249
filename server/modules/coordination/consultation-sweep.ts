// The overdue sweep of written consultations (a minute job): each consultation still unanswered
// after its reply date is marked overdue once (never as agreement), on the timeline, and the
// center's coordinators and the supervision office are told. The deadline itself is already red
// in the supervision view.
import { type IsoDate, todayIn } from '../../../lib/dates.ts';
import { type Db, transaction } from '../../db/client.ts';
import { SYSTEM_ACTOR, writeAudit } from '../../platform/audit/audit.ts';
import { notify, unitUsersWith } from '../../platform/notify/notify.ts';
import { markConsultationOverdue, overdueConsultations } from './consultations.repo.ts';
import { insertEvent, unitOfKind } from './coordination.repo.ts';

export async function sweepConsultations(db: Db, on: IsoDate = todayIn()) {
  const due = await overdueConsultations(db, on);
  for (const c of due) {
    await transaction(db, async (trx) => {
      if (!(await markConsultationOverdue(trx, Number(c.id)))) return;
      await insertEvent(trx, {
        request_id: c.request_id,
        kind: 'consultation.overdue',
        title: `${c.department_name}逾期未答复`,
        detail: `答复期限 ${c.reply_by} 已过，记为逾期未答复（不视为同意），已转督查。`,
        actor_name: '系统',
      });
      await writeAudit(trx, SYSTEM_ACTOR, {
        action: 'consultation.overdue',
        targetType: 'consultation',
        targetId: c.id,
        summary: { request: c.number, replyBy: c.reply_by },
      });
      const office = await unitOfKind(trx, c.region_code, 'supervision_office');
      await notify(trx, {
        userIds: [
          ...(await unitUsersWith(trx, Number(c.center_unit_id), 'coordination:manage')),
          ...(office ? await unitUsersWith(trx, Number(office.id), 'commitment:urge') : []),
        ],
        kind: 'consultation.overdue',
        title: `【逾期】${c.department_name}未答复书面征询（${c.number}）`,
        body: `${c.project_name}：答复期限 ${c.reply_by} 已过。`,
        link: `/coordination/${c.request_id}`,
        dedupeKey: `consultation-overdue:${c.id}`,
      });
    });
  }
  return due.length;
}
