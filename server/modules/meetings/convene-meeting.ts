// 印发会议通知: the organiser issues the numbered, sealed notice with the agenda to every invited
// unit; each is told and asked to acknowledge. A meeting that is not urgent is announced at least
// its notice period (working days, default 2) before it starts.
import { beijingClock, todayIn } from '../../../lib/dates.ts';
import { MEETING_KIND_LABELS } from '../../../lib/meeting.ts';
import { countWorkingDays } from '../../platform/calendar/engine.ts';
import { loadCalendar } from '../../platform/calendar/store.ts';
import { meetingNotice } from '../../platform/documents/templates.ts';
import { problems } from '../../platform/http/problem.ts';
import { type NewNotification, unitUsersWith } from '../../platform/notify/notify.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { issueDocument } from '../documents/documents.service.ts';
import { topicsOf } from './meetings.repo.ts';
import { runMeetingEvent } from './meetings.workflow.ts';

export function conveneMeeting(ctx: ActionContext, id: number, version: number) {
  return runMeetingEvent(ctx, id, version, 'convene', {
    async check(trx, row) {
      if (row.urgent) return;
      const { calendar } = await loadCalendar(trx, row.region_code);
      const today = todayIn();
      const left = countWorkingDays(calendar, today, todayIn('Asia/Shanghai', row.starts_at));
      if (left < row.notice_days) {
        throw problems.conflict(
          `会议通知须在会前 ${row.notice_days} 个工作日印发（现距会议 ${left} 个工作日）。请调整会议时间，或标为紧急会议。`,
        );
      }
    },
    async effect(trx, row, facts) {
      const topics = await topicsOf(trx, id);
      const meetingDate = todayIn('Asia/Shanghai', row.starts_at);
      const doc = await issueDocument(trx, ctx.secrets, ctx.actor, {
        subjectType: 'meeting',
        subjectId: String(id),
        kind: 'meeting_notice',
        issuerUnitId: Number(row.center_unit_id),
        numbered: true,
        sealed: true,
        build: (number, wording) =>
          meetingNotice({
            issuerMark: row.center_name,
            signatureName: row.center_name,
            number: number!,
            ...(row.urgent ? { urgency: '加急' as const } : {}),
            wording,
            date: todayIn(),
            addressee: facts.invitees.map((i) => i.unit_name).join('、'),
            meetingName: row.title,
            meetingDate,
            startTime: beijingClock(row.starts_at),
            place: row.place,
            participants: facts.invitees.map((i) => `${i.unit_name}分管负责同志`),
            agenda: topics.map((t) => t.title),
          }),
      });
      const notices: NewNotification[] = [];
      for (const i of facts.invitees) {
        notices.push({
          userIds: await unitUsersWith(trx, Number(i.unit_id), 'meeting:attend'),
          kind: 'meeting.convened',
          title: `会议通知：${row.title}`.slice(0, 200),
          body: `${doc.number}：定于 ${meetingDate} ${beijingClock(row.starts_at)} 在${row.place}召开${MEETING_KIND_LABELS[row.kind]}，请回执并确定参会人员。`,
          link: `/meetings/${id}`,
        });
      }
      return {
        set: { notice_document_id: doc.id },
        timeline: {
          kind: 'meeting.convene',
          title: `印发会议通知 ${doc.number}`,
          detail: `${meetingDate} ${beijingClock(row.starts_at)}，${row.place}；通知 ${facts.invitees.length} 个单位。`,
          public: true,
          documentId: doc.id,
        },
        audit: { document: doc.number, invitees: facts.invitees.length },
        notices,
      };
    },
  });
}
