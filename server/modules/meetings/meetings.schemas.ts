import { z } from 'zod';
import {
  ATTENDANCES,
  MEETING_EVENT_LABELS,
  MEETING_KINDS,
  MEETING_STATES,
  type MeetingEvent,
} from '../../../lib/meeting.ts';

const Id = z.number().int().positive();
const text = (label: string, min: number, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(min, `${label}至少 ${min} 个字`)
    .max(max, `${label}不超过 ${max} 个字`);

const Topic = z.object({
  title: text('议题', 2, 200),
  requestId: Id.nullable().default(null),
});

const StartsAt = z.iso.datetime({
  offset: true,
  error: '会议时间应为带时区的日期时间，如 2026-12-10T14:30:00+08:00',
});

export const MeetingCreate = z.object({
  kind: z.enum(MEETING_KINDS, { error: '会议类型应为 special、regular 或 joint' }),
  title: text('会议名称', 4, 100),
  startsAt: StartsAt,
  place: text('会议地点', 2, 100),
  chair: text('主持人', 2, 60),
  urgent: z.boolean().default(false),
  noticeDays: z.number().int().min(0).max(10).default(2),
  /** A special meeting convened on a coordination request: its matters and departments are preloaded. */
  requestId: Id.optional(),
  topics: z.array(Topic).max(30).optional(),
  inviteeUnitIds: z.array(Id).max(50).optional(),
});

export const MeetingEdit = MeetingCreate.omit({ kind: true, requestId: true })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, '至少修改一项');

export const Acknowledge = z.object({
  /** The invited unit acknowledged for, when the user attends for more than one. */
  unitId: Id.optional(),
  attendee: text('参会人员', 2, 60),
  substitute: z.boolean().default(false),
});

const DueDate = z.iso.date({ error: '完成日期应为 YYYY-MM-DD' });

export const Decision = z
  .object({
    content: text('议定事项', 2, 500),
    ownerUnitId: Id,
    coOwnerUnitIds: z.array(Id).max(10).default([]),
    dueDays: z.number().int().min(1, '完成时限至少 1 个工作日').max(365).optional(),
    dueOn: DueDate.optional(),
    topicSeq: z.number().int().min(1).optional(),
  })
  .refine((d) => (d.dueDays === undefined) !== (d.dueOn === undefined), {
    message: '请填写完成时限：工作日数或完成日期，二选一',
    path: ['dueDays'],
  });

export const HoldInput = z.object({
  attendance: z
    .array(
      z.object({
        unitId: Id,
        attendance: z.enum(ATTENDANCES, { error: '出席情况应为 present、substitute 或 absent' }),
        attendee: text('出席人员', 2, 60).optional(),
        absenceReason: text('缺席原因', 2, 200).optional(),
      }),
    )
    .max(50),
  discussions: z
    .array(z.object({ seq: z.number().int().min(1), discussion: z.string().trim().max(5000) }))
    .max(30),
  decisions: z.array(Decision).max(50),
});

export const MinutesInput = z.object({ summary: z.string().trim().max(5000, '纪要正文不超过 5000 字') });
export const CancelInput = z.object({ reason: text('取消原因', 2, 200) });

export const MeetingCalendarQuery = z.object({
  from: z.iso.date({ error: '起始日期应为 YYYY-MM-DD' }),
  to: z.iso.date({ error: '截止日期应为 YYYY-MM-DD' }),
});

// --- responses ----------------------------------------------------------------------------------

const MEETING_ACTIONS = Object.keys(MEETING_EVENT_LABELS) as [MeetingEvent, ...MeetingEvent[]];

export const MeetingSummarySchema = z.object({
  id: z.number().int(),
  kind: z.enum(MEETING_KINDS),
  kindLabel: z.string(),
  state: z.enum(MEETING_STATES),
  stateLabel: z.string(),
  title: z.string(),
  startsAt: z.string(),
  place: z.string(),
  chair: z.string(),
  urgent: z.boolean(),
  centerName: z.string(),
  requestId: z.number().int().nullable(),
});

export const MeetingDetailSchema = MeetingSummarySchema.extend({
  version: z.number().int(),
  noticeDays: z.number().int(),
  noticeDocumentId: z.number().int().nullable(),
  minutesSummary: z.string(),
  minutesApprovedAt: z.string().nullable(),
  minutesDocumentId: z.number().int().nullable(),
  cancelReason: z.string().nullable(),
  topics: z.array(
    z.object({
      seq: z.number().int(),
      title: z.string(),
      requestId: z.number().int().nullable(),
      discussion: z.string(),
    }),
  ),
  invitees: z.array(
    z.object({
      unitId: z.number().int(),
      unitName: z.string(),
      acknowledgedAt: z.string().nullable(),
      attendee: z.string().nullable(),
      substitute: z.boolean(),
      remindedAt: z.string().nullable(),
      attendance: z.enum(ATTENDANCES).nullable(),
      absenceReason: z.string().nullable(),
    }),
  ),
  decisions: z.array(
    z.object({
      seq: z.number().int(),
      content: z.string(),
      ownerUnitId: z.number().int(),
      ownerName: z.string(),
      coOwnerUnitIds: z.array(z.number().int()),
      dueDays: z.number().int().nullable(),
      dueOn: z.string().nullable(),
      topicSeq: z.number().int().nullable(),
    }),
  ),
  /** What the reader may do now. */
  actions: z.array(z.enum(MEETING_ACTIONS)),
  /** The invited units the reader acknowledges for and has not yet. */
  toAcknowledge: z.array(z.object({ unitId: z.number().int(), unitName: z.string() })),
});
