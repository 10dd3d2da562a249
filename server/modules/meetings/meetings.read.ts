// Meeting read models: the calendar of a range, the meeting page and the meetings of a request.
import { todayIn } from '../../../lib/dates.ts';
import { MEETING_STATE_LABELS } from '../../../lib/meeting.ts';
import type { Db } from '../../db/client.ts';
import type { Principal } from '../../platform/access/scope.ts';
import { problems } from '../../platform/http/problem.ts';
import { attendsFor, meetingActions } from './meetings.policy.ts';
import {
  decisionsOf,
  meetingsBetween,
  meetingsOfRequest,
  similarMinutes,
  topicsOf,
} from './meetings.repo.ts';
import { meetingFacts, meetingRow, readerOf } from './meetings.workflow.ts';

/** Meetings starting within [from, to] (Beijing dates), at most 366 days. */
export function meetingCalendar(db: Db, principal: Principal, from: string, to: string) {
  const start = new Date(`${from}T00:00:00+08:00`);
  const end = new Date(new Date(`${to}T00:00:00+08:00`).getTime() + 86_400_000);
  if (end <= start)
    throw problems.validation([{ field: 'querystring.to', message: '截止日期不能早于起始日期' }]);
  if (end.getTime() - start.getTime() > 367 * 86_400_000) {
    throw problems.validation([{ field: 'querystring.to', message: '一次最多查询一年' }]);
  }
  return meetingsBetween(db, readerOf(principal), start, end);
}

export async function meetingDetail(db: Db, principal: Principal, id: number) {
  const row = await meetingRow(db, principal, id);
  const [facts, topics] = await Promise.all([meetingFacts(db, row), topicsOf(db, id)]);
  const actions = meetingActions(principal, row, facts.invitees, facts);
  const toAcknowledge =
    row.state === 'convened'
      ? attendsFor(principal, facts.invitees).filter((i) => i.acknowledged_at === null)
      : [];
  return { row, facts, topics, actions, toAcknowledge };
}
export type MeetingDetail = Awaited<ReturnType<typeof meetingDetail>>;

/** The meetings convened on a request, for its page (only those the reader may open). */
export async function requestMeetings(db: Db, principal: Principal, requestId: number) {
  const rows = await meetingsOfRequest(db, requestId);
  const visible = principal.kind === 'staff' ? rows : [];
  return visible.map((m) => ({
    id: Number(m.id),
    title: m.title,
    state: m.state,
    stateLabel: MEETING_STATE_LABELS[m.state],
    startsAt: m.starts_at.toISOString(),
  }));
}

/** Issued minutes similar to a request's words, with their decisions: precedents in triage. */
export async function minutesPrecedents(
  db: Db,
  principal: Principal,
  words: string[],
  exceptRequestId: number,
  limit = 3,
) {
  if (!words.length || principal.kind !== 'staff') return [];
  const rows = await similarMinutes(db, readerOf(principal), words.slice(0, 60), exceptRequestId, limit);
  return Promise.all(
    rows.map(async (m) => ({
      meetingId: Number(m.id),
      title: m.title,
      minutesNumber: m.minutes_number ?? '',
      date: todayIn('Asia/Shanghai', m.starts_at),
      decisions: (await decisionsOf(db, Number(m.id))).map((d) => `${d.content}（${d.owner_name}）`),
    })),
  );
}
