import { STANCE_LABELS } from '../../../lib/coordination.ts';
import { todayIn } from '../../../lib/dates.ts';
import { addWorkingDays, countWorkingDays } from '../../platform/calendar/engine.ts';
import { loadCalendar } from '../../platform/calendar/store.ts';
import { createDeadline } from '../../platform/deadlines/deadlines.ts';
import { formatChineseDate } from '../../platform/documents/model.ts';
import { notificationLetter } from '../../platform/documents/templates.ts';
import { problems } from '../../platform/http/problem.ts';
import { type NewNotification, unitUsersWith } from '../../platform/notify/notify.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { issueDocument } from '../documents/documents.service.ts';
import { type CommitmentRow, commitmentsOf, setCommitment } from './commitments.repo.ts';
import { consultationsOf } from './consultations.repo.ts';
import { runRequestEvent } from './coordination.workflow.ts';

export function sendLetter(ctx: ActionContext, id: number, version: number) {
  const today = todayIn();
  return runRequestEvent(ctx, id, version, 'send_letter', {
    async check(trx) {
      for (const k of (await commitmentsOf(trx, id)).filter((k) => k.status === 'proposed')) {
        if (k.due_on && k.due_on <= today)
          throw problems.unprocessable(`“${k.content}”的承诺日期已过，请先在告知函中调整。`);
      }
    },
    async effect(trx, r) {
      const { calendar } = await loadCalendar(trx, r.region_code);
      const cons = (await consultationsOf(trx, id)).filter((c) => c.status === 'answered');
      const ks = (await commitmentsOf(trx, id)).filter((k) => k.status === 'proposed');
      const due = (k: CommitmentRow) =>
        k.due_on ? k.due_on : addWorkingDays(calendar, today, k.due_days!).date;
      const doc = await issueDocument(trx, ctx.secrets, ctx.actor, {
        subjectType: 'coordination',
        subjectId: String(id),
        kind: 'notification_letter',
        issuerUnitId: Number(r.center_unit_id),
        numbered: true,
        sealed: true,
        build: (number, wording) =>
          notificationLetter({
            issuerMark: r.center_name,
            signatureName: r.center_name,
            number: number!,
            wording,
            date: today,
            addressee: r.letter_addressee ?? r.applicant_name,
            project: { name: r.project_name, code: r.project_code },
            commitments: cons.map((c) => {
              const own = ks.filter((k) => Number(k.consultation_id) === Number(c.id));
              return {
                department: c.department_name,
                items: own.length
                  ? own.map((k) => `${k.content}（${formatChineseDate(due(k))}前完成）`)
                  : [`${STANCE_LABELS[c.stance!]}。${c.opinion ?? ''}`],
              };
            }),
            copyTo: cons.map((c) => c.department_name),
          }),
      });
      const notices: NewNotification[] = [];
      for (const k of ks) {
        const deadline = await createDeadline(trx, {
          subjectType: 'coordination_commitment',
          subjectId: String(k.id),
          kind: 'commitment',
          title: `承诺事项：${k.department_name} ${k.content}`.slice(0, 200),
          regionCode: r.region_code,
          unitId: Number(k.department_id),
          startDate: today,
          limitDays: k.due_days ?? countWorkingDays(calendar, today, k.due_on!),
        });
        await setCommitment(trx, Number(k.id), { status: 'open', deadline_id: deadline.id });
        notices.push({
          userIds: await unitUsersWith(trx, Number(k.department_id), 'consultation:reply'),
          kind: 'commitment.tracked',
          title: `承诺事项已纳入督办：${k.content}`.slice(0, 200),
          body: `${doc.number} 告知函已送达申请人，请于 ${due(k)} 前办结并在平台报告。`,
          link: '/commitments',
        });
      }
      return {
        set: { letter_document_id: doc.id },
        event: {
          kind: 'letter.sent',
          title: `签发告知函 ${doc.number}`,
          detail: `列明 ${cons.length} 个部门的 ${ks.length} 项承诺事项，均已纳入督办。`,
          public: true,
          documentId: doc.id,
        },
        audit: { document: doc.number, commitments: ks.length },
        notices,
      };
    },
  });
}
