// 印发会议纪要: the approved minutes are numbered in the minutes series, rendered in the 纪要格式,
// sealed with the center's seal and issued to the attending units and the decisions' owners (each
// signs for them), copied to the chair. Each decision becomes tracked the same moment: a
// commitment of the request it answers (which moves on to 承诺督办中), or an item of the
// supervision tracker for its owner unit. A correction is issued the same way as a new version
// that names the one it supersedes; its decisions stay tracked as first issued.
import { type IsoDate, todayIn } from '../../../lib/dates.ts';
import { ATTENDANCE_LABELS, MEETING_KIND_LABELS } from '../../../lib/meeting.ts';
import type { Db } from '../../db/client.ts';
import { addWorkingDays, type Calendar } from '../../platform/calendar/engine.ts';
import { loadCalendar } from '../../platform/calendar/store.ts';
import { meetingMinutes } from '../../platform/documents/templates.ts';
import { type NewNotification, regionUsersWith, unitUsersWith } from '../../platform/notify/notify.ts';
import { searchTokens } from '../../platform/search/tokens.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { type TrackedDecision, trackMeetingDecisions } from '../coordination/track-meeting-decisions.ts';
import { issueDocument, subjectDocuments } from '../documents/documents.service.ts';
import { trackItem } from '../supervision/track-item.ts';
import { insertReceipts, type MeetingRow } from './meetings.repo.ts';
import { type Facts, runMeetingEvent } from './meetings.workflow.ts';

type Decision = Facts['decisionRows'][number] & { dueDate: IsoDate; coOwners: string[] };

export function issueMinutes(ctx: ActionContext, id: number, version: number) {
  const today = todayIn();
  return runMeetingEvent(ctx, id, version, 'issue_minutes', {
    async effect(trx, row, facts) {
      const { calendar } = await loadCalendar(trx, row.region_code);
      const issued = (await subjectDocuments(trx, 'meeting', String(id))).filter((d) => d.kind === 'minutes');
      const superseded = issued.find((d) => Number(d.id) === Number(row.minutes_document_id));
      // Due dates in working days count from the first issue; a correction keeps them.
      const base = (issued[0]?.issued_on as IsoDate | undefined) ?? today;
      const decisions = withDueDates(calendar, base, facts.decisionRows);
      const attended = facts.invitees.filter(
        (i) => i.attendance === 'present' || i.attendance === 'substitute',
      );
      const absent = facts.invitees.filter((i) => i.attendance === 'absent');
      const topics = facts.topicRows;
      const correction = superseded
        ? `本纪要更正${superseded.number}号纪要（${row.correction_reason}），原纪要作废，以本纪要为准。`
        : null;
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
            meetingDate: todayIn('Asia/Shanghai', row.starts_at),
            place: row.place,
            chair: row.chair,
            summary: [
              ...(correction ? [correction] : []),
              ...row.minutes_summary.split(/\n+/).filter(Boolean),
              ...topics.filter((t) => t.discussion).map((t) => `关于“${t.title}”：${t.discussion}`),
            ],
            decisions: decisions.map((d) => ({
              text: d.content,
              owner: d.coOwners.length ? `${d.owner_name}牵头，${d.coOwners.join('、')}配合` : d.owner_name,
              dueDate: d.dueDate,
            })),
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
      // The units it goes to: who attended and who owns or shares a decision; each signs for it.
      const recipients = [
        ...new Set([
          ...attended.map((i) => Number(i.unit_id)),
          ...decisions.flatMap((d) => [Number(d.owner_unit_id), ...d.co_owner_unit_ids.map(Number)]),
        ]),
      ];
      await insertReceipts(trx, id, doc.id, recipients);
      const notices: NewNotification[] = [];
      if (!superseded) notices.push(...(await track(ctx, trx, row, doc, decisions)));
      for (const unitId of recipients) {
        notices.push({
          userIds: await unitUsersWith(trx, unitId, 'meeting:attend'),
          kind: 'meeting.minutes',
          title: `${superseded ? '会议纪要已更正' : '会议纪要已印发'}：${row.title}`.slice(0, 200),
          body: `${doc.number}，请签收${superseded ? `（替代 ${superseded.number}）` : '并落实议定事项'}。`,
          link: `/meetings/${id}`,
        });
      }
      notices.push({
        userIds: await regionUsersWith(trx, row.region_code, 'meeting:approve'),
        kind: 'meeting.minutes',
        title: `${superseded ? '会议纪要已更正' : '会议纪要已印发'}：${row.title}`.slice(0, 200),
        body: `${doc.number}（抄送）`,
        link: `/meetings/${id}`,
      });
      return {
        set: {
          minutes_document_id: doc.id,
          correction_reason: null,
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
        ...(superseded
          ? {
              timeline: {
                kind: 'meeting.correct',
                title: `印发更正后的会议纪要 ${doc.number}，替代 ${superseded.number}`,
                detail: row.correction_reason ?? '',
                documentId: doc.id,
              },
            }
          : {}),
        audit: {
          document: doc.number,
          decisions: decisions.length,
          recipients: recipients.length,
          ...(superseded ? { supersedes: superseded.number, reason: row.correction_reason } : {}),
        },
        notices,
      };
    },
  });
}

function withDueDates(calendar: Calendar, base: IsoDate, rows: Facts['decisionRows']): Decision[] {
  return rows.map((d) => ({
    ...d,
    dueDate: (d.due_on as IsoDate | null) ?? addWorkingDays(calendar, base, d.due_days!).date,
    coOwners: d.co_owner_names,
  }));
}

/**
 * The decisions become tracked: those about a request are its commitments (the request moves on),
 * the others items of the supervision tracker. Returns who else is told.
 */
async function track(
  ctx: ActionContext,
  trx: Db,
  row: MeetingRow,
  doc: { id: number; number: string | null },
  decisions: Decision[],
): Promise<NewNotification[]> {
  const id = Number(row.id);
  const byRequest = new Map<number, TrackedDecision[]>();
  for (const d of decisions.filter((x) => x.request_id !== null)) {
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
  const notices: NewNotification[] = [];
  // The others are tracked on their own in the supervision tracker (the owner is told there).
  for (const d of decisions.filter((x) => x.request_id === null)) {
    await trackItem(trx, ctx.actor, {
      source: 'meeting_decision',
      sourceId: String(d.id),
      sourceTitle: `${row.title}纪要（${doc.number}）`,
      sourceLink: `/meetings/${id}`,
      regionCode: row.region_code,
      ownerUnitId: Number(d.owner_unit_id),
      ownerName: d.owner_name,
      coOwnerUnitIds: d.co_owner_unit_ids.map(Number),
      content: d.content,
      due: { on: d.dueDate },
      createdBy: ctx.principal.id,
    });
  }
  // Co-owners are told of the decisions they share.
  for (const d of decisions.filter((x) => x.co_owner_unit_ids.length)) {
    for (const unitId of d.co_owner_unit_ids.map(Number)) {
      notices.push({
        userIds: await unitUsersWith(trx, unitId, 'meeting:attend'),
        kind: 'meeting.decision',
        title: `会议议定事项（配合）：${d.content}`.slice(0, 200),
        body: `${doc.number}：由${d.owner_name}牵头，请配合于 ${d.dueDate} 前办结。`,
        link: `/meetings/${id}`,
      });
    }
  }
  return notices;
}
