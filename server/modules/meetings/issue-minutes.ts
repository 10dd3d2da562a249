// 印发会议纪要: the approved minutes are numbered in the minutes series, rendered in the 纪要格式,
// sealed with the center's seal and issued to the attending units, copied to the chair and the
// supervision office. Each decision becomes tracked the same moment: a commitment of the request it
// answers (which moves on to 承诺督办中), or a time limit in the ledger for its owner unit.
import { type IsoDate, todayIn } from '../../../lib/dates.ts';
import { ATTENDANCE_LABELS, MEETING_KIND_LABELS } from '../../../lib/meeting.ts';
import { addWorkingDays, countWorkingDays } from '../../platform/calendar/engine.ts';
import { loadCalendar } from '../../platform/calendar/store.ts';
import { createDeadline } from '../../platform/deadlines/deadlines.ts';
import { meetingMinutes } from '../../platform/documents/templates.ts';
import { type NewNotification, regionUsersWith, unitUsersWith } from '../../platform/notify/notify.ts';
import { searchTokens } from '../../platform/search/tokens.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { type TrackedDecision, trackMeetingDecisions } from '../coordination/track-meeting-decisions.ts';
import { issueDocument } from '../documents/documents.service.ts';
import { topicsOf } from './meetings.repo.ts';
import { runMeetingEvent } from './meetings.workflow.ts';

export function issueMinutes(ctx: ActionContext, id: number, version: number) {
  const today = todayIn();
  return runMeetingEvent(ctx, id, version, 'issue_minutes', {
    async effect(trx, row, facts) {
      const { calendar } = await loadCalendar(trx, row.region_code);
      const topics = await topicsOf(trx, id);
      const due = (d: { due_days: number | null; due_on: string | null }): IsoDate =>
        (d.due_on as IsoDate | null) ?? addWorkingDays(calendar, today, d.due_days!).date;
      const decisions = facts.decisionRows.map((d) => ({ ...d, dueDate: due(d) }));
      const attended = facts.invitees.filter(
        (i) => i.attendance === 'present' || i.attendance === 'substitute',
      );
      const absent = facts.invitees.filter((i) => i.attendance === 'absent');
      const meetingDate = todayIn('Asia/Shanghai', row.starts_at);
      const doc = await issueDocument(trx, ctx.secrets, ctx.actor, {
        subjectType: 'meeting',
        subjectId: String(id),
        kind: 'minutes',
        issuerUnitId: Number(row.center_unit_id),
        numbered: true,
        sealed: true,
        build: (number, wording) =>
          meetingMinutes({
            minutesMark: `${row.center_name}${MEETING_KIND_LABELS[row.kind]}纪要`,
            issuerMark: row.center_name,
            signatureName: row.center_name,
            number: number!,
            wording,
            date: today,
            title: row.title,
            meetingDate,
            place: row.place,
            chair: row.chair,
            summary: [
              ...row.minutes_summary.split(/\n+/).filter(Boolean),
              ...topics.filter((t) => t.discussion).map((t) => `关于“${t.title}”：${t.discussion}`),
            ],
            decisions: decisions.map((d) => ({ text: d.content, owner: d.owner_name, dueDate: d.dueDate })),
            present: attended.map(
              (i) =>
                `${i.unit_name}${i.attendee ?? ''}${i.attendance === 'substitute' ? `（${ATTENDANCE_LABELS.substitute}）` : ''}`,
            ),
            ...(absent.length
              ? { absent: absent.map((i) => `${i.unit_name}（${i.absence_reason ?? ''}）`) }
              : {}),
            copyTo: ['分管领导', '效能督查室'],
            printedBy: { unit: row.center_name, date: today },
          }),
      });
      const notices: NewNotification[] = [];
      // Decisions about the request the meeting was convened on are that request's commitments.
      const ofRequest = decisions.filter((d) => d.request_id !== null);
      const byRequest = new Map<number, TrackedDecision[]>();
      for (const d of ofRequest) {
        const list = byRequest.get(Number(d.request_id)) ?? [];
        list.push({
          decisionId: Number(d.id),
          content: d.content,
          ownerUnitId: Number(d.owner_unit_id),
          ownerName: d.owner_name,
          dueDate: d.dueDate,
        });
        byRequest.set(Number(d.request_id), list);
      }
      const nested = { ...ctx, db: trx };
      for (const [requestId, list] of byRequest) {
        await trackMeetingDecisions(
          nested,
          requestId,
          { number: doc.number!, documentId: doc.id, meetingTitle: row.title },
          list,
        );
      }
      for (const d of decisions.filter((x) => x.request_id === null)) {
        await createDeadline(trx, {
          subjectType: 'meeting_decision',
          subjectId: String(d.id),
          kind: 'commitment',
          title: `会议议定事项：${d.owner_name} ${d.content}`.slice(0, 200),
          regionCode: row.region_code,
          unitId: Number(d.owner_unit_id),
          startDate: today,
          limitDays: Math.max(1, countWorkingDays(calendar, today, d.dueDate)),
        });
        notices.push({
          userIds: await unitUsersWith(trx, Number(d.owner_unit_id), 'meeting:attend'),
          kind: 'meeting.decision',
          title: `会议议定事项：${d.content}`.slice(0, 200),
          body: `${doc.number}：请于 ${d.dueDate} 前办结。`,
          link: `/meetings/${id}`,
        });
      }
      for (const i of attended) {
        notices.push({
          userIds: await unitUsersWith(trx, Number(i.unit_id), 'meeting:attend'),
          kind: 'meeting.minutes',
          title: `会议纪要已印发：${row.title}`.slice(0, 200),
          body: `${doc.number}，请签收并落实议定事项。`,
          link: `/meetings/${id}`,
        });
      }
      notices.push({
        userIds: await regionUsersWith(trx, row.region_code, 'meeting:approve'),
        kind: 'meeting.minutes',
        title: `会议纪要已印发：${row.title}`.slice(0, 200),
        body: `${doc.number}（抄送）`,
        link: `/meetings/${id}`,
      });
      return {
        set: {
          minutes_document_id: doc.id,
          search_text: [row.title, row.minutes_summary, ...decisions.map((d) => d.content)].join(' '),
        },
        tokens: searchTokens(
          [
            row.title,
            row.minutes_summary,
            ...topics.map((t) => t.title),
            ...decisions.map((d) => d.content),
          ].join(' '),
        ),
        audit: { document: doc.number, decisions: decisions.length },
        notices,
      };
    },
  });
}
