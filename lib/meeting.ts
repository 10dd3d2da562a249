// THE meeting rules (DOMAIN.md workflow 4) as pure functions: the meeting's state machine and the
// checks that keep a meeting honest. The server applies them inside each action's transaction; the
// UI asks them which buttons to show.
//
// draft → convened (notice issued) → held (attendance and decisions recorded) → minutes_issued
//   ↘ cancelled (before it is held)

import { conflict, forbidden, type Verdict } from './verdict.ts';
import { valuesOf } from './vocabularies.ts';

export const MEETING_KIND_LABELS = {
  special: '专题协调会',
  regular: '工作例会',
  joint: '联席会议',
} as const;
export type MeetingKind = keyof typeof MEETING_KIND_LABELS;
export const MEETING_KINDS = valuesOf(MEETING_KIND_LABELS);

export const MEETING_STATE_LABELS = {
  draft: '筹备中',
  convened: '已发通知',
  held: '已召开',
  minutes_issued: '纪要已印发',
  cancelled: '已取消',
} as const;
export type MeetingState = keyof typeof MEETING_STATE_LABELS;
export const MEETING_STATES = valuesOf(MEETING_STATE_LABELS);

export const ATTENDANCE_LABELS = {
  present: '出席',
  substitute: '委托出席',
  absent: '缺席',
} as const;
export type Attendance = keyof typeof ATTENDANCE_LABELS;
export const ATTENDANCES = valuesOf(ATTENDANCE_LABELS);

export const MEETING_EVENT_LABELS = {
  edit: '修改会议安排',
  convene: '印发会议通知',
  acknowledge: '会议通知回执',
  remind: '提醒未回执单位',
  hold: '记录会议召开情况',
  save_minutes: '起草会议纪要',
  approve_minutes: '签发会议纪要',
  issue_minutes: '印发会议纪要',
  cancel: '取消会议',
} as const;
export type MeetingEvent = keyof typeof MEETING_EVENT_LABELS;

/** Who acts: the center's organiser (coordinator), the chair who signs the minutes, an invited unit. */
export type MeetingParty = 'organiser' | 'chair' | 'invitee';

export interface MeetingFacts {
  state: MeetingState;
  /** The meeting's start has passed (Beijing time). */
  started: boolean;
  decisions: number;
  /** Invited units recorded as present or represented. */
  attended: number;
  /** Decisions lacking an owner unit or a due date. */
  incompleteDecisions: number;
  minutesApproved: boolean;
}

interface Rule {
  from: readonly MeetingState[];
  party: readonly MeetingParty[];
  to: MeetingState | null;
  guard?: (f: MeetingFacts) => string | null;
}

const RULES: Readonly<Record<MeetingEvent, Rule>> = {
  edit: { from: ['draft'], party: ['organiser'], to: null },
  convene: {
    from: ['draft'],
    party: ['organiser'],
    to: 'convened',
    guard: (f) => (f.started ? '会议时间已过，请先修改会议时间。' : null),
  },
  acknowledge: { from: ['convened'], party: ['invitee'], to: null },
  remind: { from: ['convened'], party: ['organiser'], to: null },
  hold: {
    from: ['convened', 'held'],
    party: ['organiser'],
    to: 'held',
    guard: (f) => (f.started ? null : '会议尚未开始，不能记录召开情况。'),
  },
  save_minutes: { from: ['held'], party: ['organiser'], to: null },
  approve_minutes: {
    from: ['held'],
    party: ['chair'],
    to: null,
    guard: (f) =>
      f.attended === 0
        ? '尚未记录出席单位。'
        : f.decisions === 0
          ? '纪要还没有议定事项。'
          : f.incompleteDecisions > 0
            ? `有 ${f.incompleteDecisions} 项议定事项缺少责任单位或完成时限。`
            : null,
  },
  issue_minutes: {
    from: ['held'],
    party: ['organiser'],
    to: 'minutes_issued',
    guard: (f) => (f.minutesApproved ? null : '纪要尚未经主持人签发，不能印发。'),
  },
  cancel: { from: ['draft', 'convened'], party: ['organiser'], to: 'cancelled' },
};

export type MeetingTransition = Verdict<{ to: MeetingState }>;

export function meetingTransition(
  f: MeetingFacts,
  event: MeetingEvent,
  parties: readonly MeetingParty[],
): MeetingTransition {
  const rule = RULES[event];
  if (!rule.party.some((p) => parties.includes(p)))
    return forbidden(`您无权${MEETING_EVENT_LABELS[event]}。`);
  if (!rule.from.includes(f.state)) {
    return conflict(`会议当前为“${MEETING_STATE_LABELS[f.state]}”，不能${MEETING_EVENT_LABELS[event]}。`);
  }
  const blocked = rule.guard?.(f);
  if (blocked) return conflict(blocked);
  return { ok: true, to: rule.to ?? f.state };
}

/** The events the given parties may perform now (the meeting page's buttons). */
export function meetingEvents(f: MeetingFacts, parties: readonly MeetingParty[]): MeetingEvent[] {
  return (Object.keys(RULES) as MeetingEvent[]).filter((e) => meetingTransition(f, e, parties).ok);
}
