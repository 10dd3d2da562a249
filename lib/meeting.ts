// THE meeting rules (DOMAIN.md workflow 4) as pure functions: the meeting's state machine and the
// checks that keep a meeting honest. The server applies them inside each action's transaction; the
// UI asks them which buttons to show.
//
// draft → convened (notice issued) → held (attendance and decisions recorded) → minutes_issued
//   ↘ cancelled (before it is held)
//
// A special or joint meeting's agenda is approved before its notice goes out (the leader for a
// special meeting, the convener for a joint one, who names its chair); a regular meeting's agenda
// comes from its standing schedule and the figures of the period. Issued minutes are corrected by
// a new version that supersedes them: drafted, signed again and issued again.

import { addDays, fromParts, type IsoDate, parseIsoDate, weekday } from './dates.ts';
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

export const CADENCE_LABELS = { weekly: '每周', monthly: '每月' } as const;
export type Cadence = keyof typeof CADENCE_LABELS;
export const CADENCES = valuesOf(CADENCE_LABELS);

export const PROPOSAL_STATE_LABELS = {
  proposed: '待处理',
  accepted: '已列入议程',
  declined: '未列入',
} as const;
export type ProposalState = keyof typeof PROPOSAL_STATE_LABELS;
export const PROPOSAL_STATES = valuesOf(PROPOSAL_STATE_LABELS);

export const MEETING_EVENT_LABELS = {
  edit: '修改会议安排',
  refresh_figures: '更新例会数据',
  propose_topic: '申报议题',
  decide_proposal: '处理议题申报',
  approve_agenda: '审定议题',
  add_material: '上传会议材料',
  remove_material: '删除会议材料',
  convene: '印发会议通知',
  acknowledge: '会议通知回执',
  remind: '提醒未回执单位',
  hold: '记录会议召开情况',
  save_minutes: '起草会议纪要',
  approve_minutes: '签发会议纪要',
  issue_minutes: '印发会议纪要',
  receive_minutes: '签收会议纪要',
  correct_minutes: '起草纪要更正稿',
  cancel: '取消会议',
} as const;
export type MeetingEvent = keyof typeof MEETING_EVENT_LABELS;

/**
 * Who acts: the center's organiser (coordinator, the joint meeting's office), the chair who signs
 * the minutes, the joint-meeting system's convener, an invited unit, a unit the minutes went to.
 */
export type MeetingParty = 'organiser' | 'chair' | 'convener' | 'invitee' | 'recipient';

export interface MeetingFacts {
  kind: MeetingKind;
  state: MeetingState;
  /** The meeting's start has passed (Beijing time). */
  started: boolean;
  decisions: number;
  /** Invited units recorded as present or represented. */
  attended: number;
  /** Decisions lacking an owner unit or a due date. */
  incompleteDecisions: number;
  minutesApproved: boolean;
  /** The agenda was approved as it stands (a special or joint meeting's, before its notice). */
  agendaApproved: boolean;
  topics: number;
  /** Topic proposals the office has not yet accepted or declined. */
  pendingProposals: number;
  /** A correction of the issued minutes is being drafted (its reason is recorded). */
  correcting: boolean;
}

interface Rule {
  from: readonly MeetingState[];
  /** The parties that may act, or a function of the meeting's facts (its kind). */
  party: readonly MeetingParty[] | ((f: MeetingFacts) => readonly MeetingParty[]);
  to: MeetingState | null;
  guard?: (f: MeetingFacts) => string | null;
}

/** Who approves the agenda of a meeting of this kind, or null when it needs no approval. */
export function agendaApprover(kind: MeetingKind): MeetingParty | null {
  return kind === 'joint' ? 'convener' : kind === 'special' ? 'chair' : null;
}

/** A corrected version of issued minutes is signed and issued like the first. */
const signable = (f: MeetingFacts) =>
  f.state === 'minutes_issued' && !f.correcting ? '纪要已印发；如需更正，请先起草更正稿。' : null;

const RULES: Readonly<Record<MeetingEvent, Rule>> = {
  edit: { from: ['draft'], party: ['organiser'], to: null },
  refresh_figures: {
    from: ['draft'],
    party: ['organiser'],
    to: null,
    guard: (f) => (f.kind === 'regular' ? null : '只有工作例会通报审批数据。'),
  },
  propose_topic: { from: ['draft'], party: ['invitee'], to: null },
  decide_proposal: { from: ['draft'], party: ['organiser'], to: null },
  approve_agenda: {
    from: ['draft'],
    party: (f) => (f.kind === 'joint' ? ['convener'] : ['chair']),
    to: null,
    guard: (f) =>
      agendaApprover(f.kind) === null
        ? '工作例会的议程按例会制度安排，无需审定。'
        : f.agendaApproved
          ? '议题已审定；修改议题或参会单位后须重新审定。'
          : f.pendingProposals > 0
            ? `尚有 ${f.pendingProposals} 项议题申报未处理。`
            : f.topics === 0
              ? '会议还没有议题。'
              : null,
  },
  add_material: { from: ['draft', 'convened'], party: ['organiser'], to: null },
  remove_material: { from: ['draft'], party: ['organiser'], to: null },
  convene: {
    from: ['draft'],
    party: ['organiser'],
    to: 'convened',
    guard: (f) =>
      f.started
        ? '会议时间已过，请先修改会议时间。'
        : f.pendingProposals > 0
          ? `尚有 ${f.pendingProposals} 项议题申报未处理，请先列入议程或说明不列入的理由。`
          : agendaApprover(f.kind) && !f.agendaApproved
            ? `议题尚未经${f.kind === 'joint' ? '召集人' : '分管领导'}审定，不能印发通知。`
            : null,
  },
  acknowledge: { from: ['convened'], party: ['invitee'], to: null },
  // Before the meeting: units that have not acknowledged; after the minutes: units that have not signed for them.
  remind: { from: ['convened', 'minutes_issued'], party: ['organiser'], to: null },
  hold: {
    from: ['convened', 'held'],
    party: ['organiser'],
    to: 'held',
    guard: (f) => (f.started ? null : '会议尚未开始，不能记录召开情况。'),
  },
  save_minutes: { from: ['held'], party: ['organiser'], to: null },
  approve_minutes: {
    from: ['held', 'minutes_issued'],
    party: ['chair'],
    to: null,
    guard: (f) =>
      signable(f) ??
      (f.attended === 0
        ? '尚未记录出席单位。'
        : f.decisions === 0
          ? '纪要还没有议定事项。'
          : f.incompleteDecisions > 0
            ? `有 ${f.incompleteDecisions} 项议定事项缺少责任单位或完成时限。`
            : null),
  },
  issue_minutes: {
    from: ['held', 'minutes_issued'],
    party: ['organiser'],
    to: 'minutes_issued',
    guard: (f) => signable(f) ?? (f.minutesApproved ? null : '纪要尚未经主持人签发，不能印发。'),
  },
  receive_minutes: { from: ['minutes_issued'], party: ['recipient'], to: null },
  correct_minutes: { from: ['minutes_issued'], party: ['organiser'], to: null },
  cancel: { from: ['draft', 'convened'], party: ['organiser'], to: 'cancelled' },
};

export type MeetingTransition = Verdict<{ to: MeetingState }>;

export function meetingTransition(
  f: MeetingFacts,
  event: MeetingEvent,
  parties: readonly MeetingParty[],
): MeetingTransition {
  const rule = RULES[event];
  const may = typeof rule.party === 'function' ? rule.party(f) : rule.party;
  if (!may.some((p) => parties.includes(p))) return forbidden(`您无权${MEETING_EVENT_LABELS[event]}。`);
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

// --- the standing schedule of regular meetings --------------------------------------------------

export interface StandingSchedule {
  cadence: Cadence;
  /** ISO weekday (1 = Monday … 7 = Sunday) of a weekly meeting, day of the month (1–28) of a monthly one. */
  day: number;
}

/** The date the schedule names in the week or month of `d` (before any move off a holiday). */
function nominal(s: StandingSchedule, d: IsoDate): IsoDate {
  if (s.cadence === 'monthly') {
    const { year, month } = parseIsoDate(d);
    return fromParts(year, month, s.day);
  }
  const iso = weekday(d) === 0 ? 7 : weekday(d);
  return addDays(d, s.day - iso);
}

function shift(s: StandingSchedule, d: IsoDate, periods: number): IsoDate {
  if (s.cadence === 'weekly') return addDays(d, 7 * periods);
  const { year, month } = parseIsoDate(d);
  const m = year * 12 + (month - 1) + periods;
  return fromParts(Math.floor(m / 12), (m % 12) + 1, s.day);
}

/** Moves a date that is not a working day to the next working day. */
function toWorkingDay(d: IsoDate, isWorkingDay: (d: IsoDate) => boolean): IsoDate {
  let x = d;
  for (let i = 0; i < 40 && !isWorkingDay(x); i++) x = addDays(x, 1);
  return x;
}

/**
 * The schedule's next meeting on or after `from`: the weekday or day of the month it names, moved
 * to the next working day when that day is a holiday or a weekend (a meeting of the previous period
 * that a holiday moved past `from` comes first). Dates a long closure moves onto the same working
 * day are one meeting. Its period runs from the previous named date to the day before its own, so
 * consecutive meetings report on consecutive periods.
 */
export function nextOccurrence(
  s: StandingSchedule,
  from: IsoDate,
  isWorkingDay: (d: IsoDate) => boolean,
): { on: IsoDate; period: { from: IsoDate; to: IsoDate } } {
  const here = nominal(s, from);
  const named = [-2, -1, 0, 1, 2, 3].map((k) => shift(s, here, k));
  const held = named.map((n) => toWorkingDay(n, isWorkingDay));
  const i = held.findIndex((on) => on >= from);
  if (i < 0) throw new Error('unreachable: a period always has a next meeting');
  let first = i;
  let last = i;
  while (first > 0 && held[first - 1] === held[i]) first--;
  while (last < held.length - 1 && held[last + 1] === held[i]) last++;
  return {
    on: held[i]!,
    period: { from: shift(s, named[first]!, -1), to: addDays(named[last]!, -1) },
  };
}
