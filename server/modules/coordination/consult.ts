// 分办并书面征询: the coordinator splits a request into matters and sends each department concerned
// one numbered, sealed written consultation (书面征询意见函) with a reply date: five working days,
// or earlier for an urgent request. Each reply date is a deadline the department owns.
import type { z } from 'zod';
import type { Complexity } from '../../../lib/coordination.ts';
import { type IsoDate, todayIn } from '../../../lib/dates.ts';
import type { Db } from '../../db/client.ts';
import { addWorkingDays, countWorkingDays } from '../../platform/calendar/engine.ts';
import { loadCalendar } from '../../platform/calendar/store.ts';
import { closeDeadline, createDeadline } from '../../platform/deadlines/deadlines.ts';
import { formatChineseDate } from '../../platform/documents/model.ts';
import { consultationLetter } from '../../platform/documents/templates.ts';
import { problems } from '../../platform/http/problem.ts';
import { type NewNotification, unitUsersWith } from '../../platform/notify/notify.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { issueDocument } from '../documents/documents.service.ts';
import { insertConsultation, linkConsultation, openConsultationDeadlines } from './consultations.repo.ts';
import { insertMatters, unitsNear } from './coordination.repo.ts';
import type { Consult } from './coordination.schemas.ts';
import { record, runRequestEvent } from './coordination.workflow.ts';
import { closeStep } from './ladder.ts';

/** Default reply time of a written consultation (DOMAIN.md workflow 3). */
export const CONSULTATION_DAYS = 5;

/** Cancels the reply deadlines still open: the request was decided or closed without them. */
export async function cancelOpenConsultations(trx: Db, requestId: number) {
  for (const d of await openConsultationDeadlines(trx, requestId)) {
    await closeDeadline(trx, Number(d.id), 'cancelled');
  }
}

function worst(list: Complexity[]): Complexity {
  if (list.includes('complex')) return 'complex';
  if (list.includes('major')) return 'major';
  return 'simple';
}

export function consult(ctx: ActionContext, id: number, version: number, input: z.infer<typeof Consult>) {
  const deptIds = [...new Set(input.matters.flatMap((m) => m.departmentIds))];
  const today = todayIn();
  let units: Awaited<ReturnType<typeof unitsNear>> = [];
  let replyBy: IsoDate = today;
  let limitDays = CONSULTATION_DAYS;
  return runRequestEvent(ctx, id, version, 'consult', {
    async check(trx, row) {
      units = await unitsNear(trx, row.region_code, deptIds);
      for (const uid of deptIds) {
        const u = units.find((x) => Number(x.id) === uid);
        if (!u) throw problems.unprocessable(`单位 ${uid} 不存在或不属于本区（及上级市）。`);
        if (u.kind !== 'department') throw problems.unprocessable(`${u.name}不是审批部门，不能书面征询。`);
        if (!u.enabled) throw problems.unprocessable(`${u.name}已停用。`);
      }
      const { calendar } = await loadCalendar(trx, row.region_code);
      const standard = addWorkingDays(calendar, today, CONSULTATION_DAYS).date;
      replyBy = standard;
      if (input.replyBy) {
        if (input.replyBy <= today) throw problems.unprocessable('答复期限应晚于今天。');
        if (input.replyBy > standard) {
          throw problems.unprocessable(
            `答复期限不能晚于 ${CONSULTATION_DAYS} 个工作日（${standard}）；急件可提前。`,
          );
        }
        if (!calendar.dayKind(input.replyBy).workday)
          throw problems.unprocessable(`${input.replyBy} 不是工作日，请选择工作日。`);
        replyBy = input.replyBy;
      }
      limitDays = countWorkingDays(calendar, today, replyBy);
    },
    async effect(trx, r) {
      await closeStep(trx, id);
      await insertMatters(
        trx,
        input.matters.map((m, i) => ({
          request_id: id,
          seq: i + 1,
          title: m.title,
          complexity: m.complexity,
          department_ids: [...new Set(m.departmentIds)],
        })),
      );
      const numbers: string[] = [];
      const notices: NewNotification[] = [];
      for (const uid of deptIds) {
        const u = units.find((x) => Number(x.id) === uid)!;
        const questions = input.matters.filter((m) => m.departmentIds.includes(uid)).map((m) => m.title);
        if (input.note) questions.push(input.note);
        const c = await insertConsultation(trx, {
          request_id: id,
          department_id: uid,
          questions,
          reply_by: replyBy,
        });
        const deadline = await createDeadline(trx, {
          subjectType: 'consultation',
          subjectId: String(c.id),
          kind: 'reply',
          title: `书面征询 ${r.number}（${r.project_name}）${u.name}答复`,
          regionCode: r.region_code,
          unitId: uid,
          startDate: today,
          limitDays,
        });
        const doc = await issueDocument(trx, ctx.secrets, ctx.actor, {
          subjectType: 'consultation',
          subjectId: String(c.id),
          kind: 'consultation_letter',
          issuerUnitId: Number(r.center_unit_id),
          numbered: true,
          sealed: true,
          build: (number, wording) =>
            consultationLetter({
              issuerMark: r.center_name,
              signatureName: r.center_name,
              number: number!,
              wording,
              date: today,
              addressee: u.name,
              project: { name: r.project_name, code: r.project_code },
              matter: '审批服务协调',
              questions,
              replyBy,
            }),
        });
        numbers.push(`${u.name}（${doc.number}）`);
        await linkConsultation(trx, Number(c.id), Number(deadline.id), Number(doc.id));
        await record(trx, ctx, id, {
          kind: 'consultation.sent',
          title: `向${u.name}发出书面征询意见函`,
          detail: `${doc.number}，请于${formatChineseDate(replyBy)}前答复`,
          documentId: doc.id,
        });
        notices.push({
          userIds: await unitUsersWith(trx, uid, 'consultation:reply'),
          kind: 'consultation.received',
          title: `书面征询：${r.project_name}`,
          body: `${r.center_name}征询贵单位意见（${doc.number}），请于 ${replyBy} 前答复。`,
          link: `/consultations/${c.id}`,
        });
      }
      return {
        set: { complexity: worst(input.matters.map((m) => m.complexity)) },
        event: {
          kind: 'consulting',
          title: `分办为 ${input.matters.length} 个协调事项，书面征询 ${deptIds.length} 个部门`,
          detail: `答复期限 ${formatChineseDate(replyBy)}${input.replyBy ? '（急件）' : ''}：${numbers.join('；')}`,
          public: true,
        },
        audit: { departments: deptIds, replyBy, complexity: worst(input.matters.map((m) => m.complexity)) },
        notices,
      };
    },
  });
}
