// 印发会议纪要 on the request: the minutes of the meeting convened on a request in 拟召开协调会 are
// issued; each decision about the request becomes a tracked commitment of its owner unit with a
// due date from the region's calendar. The applicant is told what was decided about its request
// (not the rest of the minutes); the supervision office and the owners are told of the tracking.
import type { IsoDate } from '../../../lib/dates.ts';
import { todayIn } from '../../../lib/dates.ts';
import { countWorkingDays } from '../../platform/calendar/engine.ts';
import { loadCalendar } from '../../platform/calendar/store.ts';
import { createDeadline } from '../../platform/deadlines/deadlines.ts';
import { formatChineseDate } from '../../platform/documents/model.ts';
import { type NewNotification, unitUsersWith } from '../../platform/notify/notify.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { insertCommitment, setCommitment } from './commitments.repo.ts';
import { unitOfKind } from './coordination.repo.ts';
import { record, runRequestEvent } from './coordination.workflow.ts';

export interface TrackedDecision {
  decisionId: number;
  content: string;
  ownerUnitId: number;
  ownerName: string;
  dueDate: IsoDate;
}

export function trackMeetingDecisions(
  ctx: ActionContext,
  requestId: number,
  minutes: { number: string; documentId: number; meetingTitle: string },
  decisions: TrackedDecision[],
) {
  const today = todayIn();
  return runRequestEvent(ctx, requestId, undefined, 'issue_minutes', {
    async effect(trx, r) {
      const { calendar } = await loadCalendar(trx, r.region_code);
      const notices: NewNotification[] = [];
      for (const d of decisions) {
        const k = await insertCommitment(trx, {
          request_id: requestId,
          consultation_id: null,
          meeting_decision_id: d.decisionId,
          department_id: d.ownerUnitId,
          content: d.content,
          due_on: d.dueDate,
          status: 'open',
        });
        const deadline = await createDeadline(trx, {
          subjectType: 'coordination_commitment',
          subjectId: String(k.id),
          kind: 'commitment',
          title: `会议议定事项：${d.ownerName} ${d.content}`.slice(0, 200),
          regionCode: r.region_code,
          unitId: d.ownerUnitId,
          startDate: today,
          limitDays: Math.max(1, countWorkingDays(calendar, today, d.dueDate)),
        });
        await setCommitment(trx, Number(k.id), { deadline_id: deadline.id });
        notices.push({
          userIds: await unitUsersWith(trx, d.ownerUnitId, 'consultation:reply'),
          kind: 'commitment.tracked',
          title: `会议议定事项已纳入督办：${d.content}`.slice(0, 200),
          body: `${minutes.number}：请于 ${d.dueDate} 前办结并在平台报告。`,
          link: '/commitments',
        });
      }
      const office = await unitOfKind(trx, r.region_code, 'supervision_office');
      if (office) {
        notices.push({
          userIds: await unitUsersWith(trx, Number(office.id), 'commitment:urge'),
          kind: 'commitment.tracked',
          title: `${minutes.meetingTitle}：${decisions.length} 项议定事项纳入督办`.slice(0, 200),
          body: `${minutes.number} 已印发，协调事项 ${r.number}。`,
          link: '/commitments',
        });
      }
      await record(trx, ctx, requestId, {
        kind: 'meeting.decisions.public',
        title: `会议议定（${minutes.number}）`,
        detail: decisions
          .map(
            (d, i) =>
              `${i + 1}. ${d.content}（责任单位：${d.ownerName}；${formatChineseDate(d.dueDate)}前完成）`,
          )
          .join('\n'),
        public: true,
      });
      return {
        event: {
          kind: 'issue_minutes',
          title: `印发会议纪要 ${minutes.number}`,
          detail: `${decisions.length} 项议定事项纳入督办。`,
          documentId: minutes.documentId,
        },
        audit: { minutes: minutes.number, decisions: decisions.length },
        notices,
      };
    },
  });
}
