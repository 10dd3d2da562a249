import type { z } from 'zod';
import { MEETING_KIND_LABELS, MEETING_STATE_LABELS } from '../../../lib/meeting.ts';
import type { MeetingDetail } from './meetings.read.ts';
import type { MeetingRow } from './meetings.repo.ts';
import type { Figures, MeetingDetailSchema, MeetingSummarySchema } from './meetings.schemas.ts';

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
    agendaApprovedAt: iso(m.agenda_approved_at),
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
      coOwnerNames: x.co_owner_names,
      dueDays: x.due_days,
      dueOn: x.due_on,
      topicSeq:
        x.topic_id === null ? null : (topics.find((t) => Number(t.id) === Number(x.topic_id))?.seq ?? null),
    })),
    actions: d.actions,
    toAcknowledge: d.toAcknowledge.map((i) => ({ unitId: Number(i.unit_id), unitName: i.unit_name })),
    toReceive: d.toReceive.map((r) => ({ unitId: Number(r.unit_id), unitName: r.unit_name })),
    myUnits: d.myUnits.map((i) => ({ unitId: Number(i.unit_id), unitName: i.unit_name })),
    scheduleId: num(row.schedule_id),
    figures: (row.figures as Figures | null) ?? null,
    chairUserId: num(row.chair_user_id),
    correctionReason: row.correction_reason,
    chairChoices: d.chairChoices,
    proposals: facts.proposals.map((p) => ({
      id: Number(p.id),
      unitId: Number(p.unit_id),
      unitName: p.unit_name,
      title: p.title,
      reason: p.reason,
      state: p.state,
      proposedBy: p.proposed_by_name,
      proposedAt: p.proposed_at.toISOString(),
      declineReason: p.decline_reason,
    })),
    materials: d.materials.map((m) => ({
      id: Number(m.id),
      fileName: m.file_name,
      contentType: m.content_type,
      size: m.size,
      uploadedAt: m.created_at.toISOString(),
    })),
    receipts: facts.receipts.map((r) => ({
      unitId: Number(r.unit_id),
      unitName: r.unit_name,
      receivedAt: iso(r.received_at),
      receivedBy: r.received_by_name,
      remindedAt: iso(r.reminded_at),
    })),
    minutesVersions: d.minutesVersions,
  };
}
