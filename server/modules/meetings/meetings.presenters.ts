import type { z } from 'zod';
import { MEETING_KIND_LABELS, MEETING_STATE_LABELS } from '../../../lib/meeting.ts';
import type { MeetingDetail } from './meetings.read.ts';
import type { MeetingRow } from './meetings.repo.ts';
import type { MeetingDetailSchema, MeetingSummarySchema } from './meetings.schemas.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;
const num = (n: number | null) => (n === null ? null : Number(n));

export function toSummary(m: MeetingRow): z.infer<typeof MeetingSummarySchema> {
  return {
    id: Number(m.id),
    kind: m.kind,
    kindLabel: MEETING_KIND_LABELS[m.kind],
    state: m.state,
    stateLabel: MEETING_STATE_LABELS[m.state],
    title: m.title,
    startsAt: m.starts_at.toISOString(),
    place: m.place,
    chair: m.chair,
    urgent: m.urgent,
    centerName: m.center_name,
    requestId: num(m.request_id),
  };
}

export function toDetail(d: MeetingDetail): z.infer<typeof MeetingDetailSchema> {
  const { row, facts, topics } = d;
  return {
    ...toSummary(row),
    version: row.version,
    noticeDays: row.notice_days,
    noticeDocumentId: num(row.notice_document_id),
    minutesSummary: row.minutes_summary,
    minutesApprovedAt: iso(row.minutes_approved_at),
    minutesDocumentId: num(row.minutes_document_id),
    cancelReason: row.cancel_reason,
    topics: topics.map((t) => ({
      seq: t.seq,
      title: t.title,
      requestId: num(t.request_id),
      discussion: t.discussion,
    })),
    invitees: facts.invitees.map((i) => ({
      unitId: Number(i.unit_id),
      unitName: i.unit_name,
      acknowledgedAt: iso(i.acknowledged_at),
      attendee: i.attendee,
      substitute: i.substitute,
      remindedAt: iso(i.reminded_at),
      attendance: i.attendance,
      absenceReason: i.absence_reason,
    })),
    decisions: facts.decisionRows.map((x) => ({
      seq: x.seq,
      content: x.content,
      ownerUnitId: Number(x.owner_unit_id),
      ownerName: x.owner_name,
      coOwnerUnitIds: x.co_owner_unit_ids.map(Number),
      dueDays: x.due_days,
      dueOn: x.due_on,
      topicSeq:
        x.topic_id === null ? null : (topics.find((t) => Number(t.id) === Number(x.topic_id))?.seq ?? null),
    })),
    actions: d.actions,
    toAcknowledge: d.toAcknowledge.map((i) => ({ unitId: Number(i.unit_id), unitName: i.unit_name })),
  };
}
