import { z } from 'zod';
import {
  ATTENDANCES,
  CADENCES,
  MEETING_EVENT_LABELS,
  MEETING_KINDS,
  MEETING_STATES,
  type MeetingEvent,
  PROPOSAL_STATES,
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
  /** A joint meeting's chair is named by the convener when the agenda is approved. */
  chair: text('主持人', 2, 60).optional(),
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
export const CorrectionInput = MinutesInput.extend({ reason: text('更正原因', 2, 200) });

export const AgendaApproval = z.object({
  /** A joint meeting's chair: the convener or one of the deputy conveners. */
  chairUserId: Id.optional(),
});

export const ProposalInput = z.object({
  /** The proposing unit, when the user attends for more than one. */
  unitId: Id.optional(),
  title: text('议题', 2, 200),
  reason: z.string().trim().max(500, '申报理由不超过 500 字').default(''),
});

export const ProposalDecision = z
  .object({
    proposalId: Id,
    accept: z.boolean({ error: '请选择列入议程或不列入' }),
    reason: text('不列入的理由', 2, 200).optional(),
  })
  .refine((d) => d.accept || d.reason !== undefined, {
    message: '不列入议程须写明理由',
    path: ['reason'],
  });

export const ReceiptInput = z.object({ unitId: Id.optional() });

export const MaterialQuery = z.object({
  fileName: text('文件名', 1, 200),
});

const StartTime = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, '开始时间应为 HH:MM，如 09:00');

export const ScheduleInput = z
  .object({
    title: text('例会名称', 4, 80),
    cadence: z.enum(CADENCES, { error: '周期应为 weekly（每周）或 monthly（每月）' }),
    day: z.number({ error: '请填写召开日' }).int().min(1).max(28),
    startTime: StartTime,
    place: text('会议地点', 2, 100),
    chair: text('主持人', 2, 60),
    inviteeUnitIds: z.array(Id).min(1, '请至少邀请一个参会单位').max(50),
    noticeDays: z.number().int().min(0).max(10).default(2),
    leadDays: z.number().int().min(1).max(20).default(5),
    enabled: z.boolean().default(true),
  })
  .refine((s) => s.cadence === 'monthly' || s.day <= 7, {
    message: '每周例会的召开日应为星期一至星期日（1–7）',
    path: ['day'],
  })
  .refine((s) => s.leadDays > s.noticeDays, {
    message: '提前安排的工作日数应多于通知提前的工作日数，否则例会草稿来不及印发通知',
    path: ['leadDays'],
  });

const WorkingGroup = z.object({
  name: text('工作组名称', 2, 40),
  leadUserId: Id,
  unitIds: z.array(Id).min(1, '工作组至少有一个成员单位').max(30),
});

export const JointSystemInput = z.object({
  name: text('联席会议名称', 4, 100),
  convenerUserId: Id,
  deputyUserIds: z.array(Id).max(10).default([]),
  officeUnitId: Id,
  memberUnitIds: z.array(Id).min(1, '请至少列出一个成员单位').max(60),
  workingGroups: z.array(WorkingGroup).max(10).default([]),
});
export const CancelInput = z.object({ reason: text('取消原因', 2, 200) });

export const MeetingCalendarQuery = z.object({
  from: z.iso.date({ error: '起始日期应为 YYYY-MM-DD' }),
  to: z.iso.date({ error: '截止日期应为 YYYY-MM-DD' }),
});

// --- responses ----------------------------------------------------------------------------------

const Count = z.number().int();
const FigureRow = z.object({
  received: Count,
  concluded: Count,
  onTime: Count,
  open: Count,
  overdue: Count,
  corrections: Count,
  withdrawals: Count,
});

/** A regular meeting's approval figures of the period before it (filled from the data). */
export const FiguresSchema = z.object({
  /** The period the meeting reports on, and the last day counted (today, while it is running). */
  period: z.object({ from: z.string(), to: z.string() }),
  through: z.string(),
  asOf: z.string(),
  totals: FigureRow,
  departments: z.array(FigureRow.extend({ unitId: z.number().int(), name: z.string() })),
  returnedItems: z.array(z.object({ item: z.string(), corrections: Count, withdrawals: Count })),
});
export type Figures = z.infer<typeof FiguresSchema>;

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
  /** A special or joint meeting's agenda was approved (null until then; a regular one needs none). */
  agendaApprovedAt: z.string().nullable(),
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
      coOwnerNames: z.array(z.string()),
      dueDays: z.number().int().nullable(),
      dueOn: z.string().nullable(),
      topicSeq: z.number().int().nullable(),
    }),
  ),
  /** What the reader may do now. */
  actions: z.array(z.enum(MEETING_ACTIONS)),
  /** The invited units the reader acknowledges for and has not yet. */
  toAcknowledge: z.array(z.object({ unitId: z.number().int(), unitName: z.string() })),
  /** The units the reader signs for the minutes for and has not yet. */
  toReceive: z.array(z.object({ unitId: z.number().int(), unitName: z.string() })),
  /** The invited units the reader answers for (acknowledges, proposes topics). */
  myUnits: z.array(z.object({ unitId: z.number().int(), unitName: z.string() })),
  scheduleId: z.number().int().nullable(),
  figures: FiguresSchema.nullable(),
  chairUserId: z.number().int().nullable(),
  correctionReason: z.string().nullable(),
  /** Whom the convener may name to chair a joint meeting. */
  chairChoices: z.array(z.object({ userId: z.number().int(), name: z.string(), role: z.string() })),
  proposals: z.array(
    z.object({
      id: z.number().int(),
      unitId: z.number().int(),
      unitName: z.string(),
      title: z.string(),
      reason: z.string(),
      state: z.enum(PROPOSAL_STATES),
      proposedBy: z.string(),
      proposedAt: z.string(),
      declineReason: z.string().nullable(),
    }),
  ),
  materials: z.array(
    z.object({
      id: z.number().int(),
      fileName: z.string(),
      contentType: z.string(),
      size: z.number().int(),
      uploadedAt: z.string(),
    }),
  ),
  receipts: z.array(
    z.object({
      unitId: z.number().int(),
      unitName: z.string(),
      receivedAt: z.string().nullable(),
      receivedBy: z.string().nullable(),
      remindedAt: z.string().nullable(),
    }),
  ),
  /** Every version of the minutes issued, newest first; each later one supersedes the one before. */
  minutesVersions: z.array(
    z.object({
      documentId: z.number().int(),
      number: z.string().nullable(),
      version: z.number().int(),
      issuedOn: z.string(),
    }),
  ),
});

export const ScheduleSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  cadence: z.enum(CADENCES),
  cadenceLabel: z.string(),
  day: z.number().int(),
  startTime: z.string(),
  place: z.string(),
  chair: z.string(),
  inviteeUnitIds: z.array(z.number().int()),
  noticeDays: z.number().int(),
  leadDays: z.number().int(),
  enabled: z.boolean(),
  version: z.number().int(),
  /** The next meeting date the schedule names (moved off holidays). */
  nextOn: z.string(),
});

export const JointSystemSchema = z.object({
  regionCode: z.string(),
  name: z.string(),
  convener: z.object({ userId: z.number().int(), name: z.string() }),
  deputies: z.array(z.object({ userId: z.number().int(), name: z.string() })),
  officeUnitId: z.number().int(),
  officeName: z.string(),
  memberUnitIds: z.array(z.number().int()),
  workingGroups: z.array(
    z.object({
      name: z.string(),
      leadUserId: z.number().int(),
      leadName: z.string(),
      unitIds: z.array(z.number().int()),
    }),
  ),
  version: z.number().int(),
});

/** The region's people for the joint-meeting system: who may convene or chair, who may lead a group. */
export const CandidatesSchema = z.object({
  items: z.array(
    z.object({ userId: z.number().int(), name: z.string(), unitName: z.string(), canChair: z.boolean() }),
  ),
});
