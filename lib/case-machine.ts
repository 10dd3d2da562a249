// THE case state machine (DOMAIN.md workflow 2) as a pure function: the server applies it inside
// the transaction of each transition, the UI asks it which buttons to show.
//
// submitted → (correction_requested ↔ submitted) → accepted | tolerantly_accepted | rejected
// accepted → in_review (levels 1..3, suspensions allowed) → approved | denied → delivered → archived

import { conflict, forbidden, type Verdict } from './verdict.ts';
import { valuesOf } from './vocabularies.ts';

/** Who acts: the window (front desk), the department (back office) or the applicant. */
export type CaseParty = 'window' | 'department' | 'applicant';

export const CASE_STATE_LABELS = {
  submitted: '已提交待受理',
  correction_requested: '待补正',
  accepted: '已受理',
  tolerantly_accepted: '容缺受理',
  rejected: '不予受理',
  in_review: '审查中',
  approved: '准予许可',
  denied: '不予许可',
  delivered: '已出件',
  archived: '已归档',
  withdrawn: '已撤回',
} as const;
export type CaseState = keyof typeof CASE_STATE_LABELS;
export const CASE_STATES = valuesOf(CASE_STATE_LABELS);

export const CASE_EVENT_LABELS = {
  request_correction: '一次性告知补正',
  resubmit: '提交补正材料',
  accept: '受理',
  accept_tolerantly: '容缺受理',
  reject: '不予受理',
  withdraw: '撤回申请',
  dispatch: '分送部门',
  pass: '审查通过，报下一级',
  return: '退回上一级',
  approve: '准予许可',
  deny: '不予许可',
  suspend: '启动特别程序（挂起）',
  resume: '结束特别程序（恢复计时）',
  extend: '延长审批期限',
  deliver: '出件',
  archive: '归档',
} as const;
export type CaseEvent = keyof typeof CASE_EVENT_LABELS;
export const CASE_EVENTS = valuesOf(CASE_EVENT_LABELS);

/** The facts about a case that decide whether an event may happen. */
export interface CaseFacts {
  state: CaseState;
  /** Current review level (0 before review). */
  level: number;
  /** Approval levels of the item version (1–3). */
  levels: number;
  suspended: boolean;
  /** Tolerated materials not yet handed in. */
  outstandingTolerated: number;
  /** The window clerk holds an authorization to decide this item on the spot. */
  windowAuthorized: boolean;
  /** The item version lists 延长审批 among its special procedures. */
  extensionAllowed: boolean;
  /** The case's time limit was already extended (once per case). */
  extended: boolean;
}

export interface Transition {
  to: CaseState;
  level: number;
  suspended: boolean;
  /** 业务动作 of the step record (R-CASE-3). */
  action: 'pass' | 'return' | 'other';
}

export type TransitionResult = Verdict<{ next: Transition }>;

const OPEN_INTAKE: CaseState[] = ['submitted', 'correction_requested'];
const ACCEPTED: CaseState[] = ['accepted', 'tolerantly_accepted'];

/** Which party may trigger each event, and from which states. */
const RULES: Record<CaseEvent, { parties: CaseParty[]; from: CaseState[] }> = {
  request_correction: { parties: ['window'], from: ['submitted'] },
  resubmit: { parties: ['applicant', 'window'], from: ['correction_requested'] },
  accept: { parties: ['window'], from: ['submitted'] },
  accept_tolerantly: { parties: ['window'], from: ['submitted'] },
  reject: { parties: ['window'], from: ['submitted'] },
  withdraw: { parties: ['applicant', 'window'], from: OPEN_INTAKE },
  dispatch: { parties: ['window'], from: ACCEPTED },
  pass: { parties: ['department'], from: ['in_review'] },
  return: { parties: ['department'], from: ['in_review'] },
  approve: { parties: ['department', 'window'], from: ['in_review', ...ACCEPTED] },
  deny: { parties: ['department', 'window'], from: ['in_review', ...ACCEPTED] },
  suspend: { parties: ['department'], from: ['in_review'] },
  resume: { parties: ['department'], from: ['in_review'] },
  extend: { parties: ['department'], from: ['in_review'] },
  deliver: { parties: ['window'], from: ['approved', 'denied'] },
  archive: { parties: ['window'], from: ['delivered', 'rejected'] },
};

const fail = conflict;
const ok = (next: Transition): TransitionResult => ({ ok: true, next });

export function transition(f: CaseFacts, event: CaseEvent, by: CaseParty): TransitionResult {
  const rule = RULES[event];
  if (!rule.from.includes(f.state)) {
    return fail(`办件当前状态为“${CASE_STATE_LABELS[f.state]}”，不能执行“${CASE_EVENT_LABELS[event]}”。`);
  }
  if (!rule.parties.includes(by)) {
    return forbidden(`“${CASE_EVENT_LABELS[event]}”不由${PARTY_LABELS[by]}办理。`);
  }
  const same = { level: f.level, suspended: f.suspended };
  switch (event) {
    case 'request_correction':
      return ok({ to: 'correction_requested', ...same, action: 'return' });
    case 'resubmit':
      return ok({ to: 'submitted', ...same, action: 'other' });
    case 'accept':
      return ok({ to: 'accepted', ...same, action: 'pass' });
    case 'accept_tolerantly':
      return ok({ to: 'tolerantly_accepted', ...same, action: 'pass' });
    case 'reject':
      return ok({ to: 'rejected', ...same, action: 'return' });
    case 'withdraw':
      return ok({ to: 'withdrawn', ...same, action: 'other' });
    case 'dispatch':
      return ok({ to: 'in_review', level: 1, suspended: false, action: 'pass' });
    case 'suspend':
      if (f.suspended) return fail('办件已处于特别程序中，请先结束当前特别程序。');
      return ok({ to: 'in_review', level: f.level, suspended: true, action: 'other' });
    case 'resume':
      if (!f.suspended) return fail('办件不在特别程序中，无需恢复计时。');
      return ok({ to: 'in_review', level: f.level, suspended: false, action: 'other' });
    case 'extend':
      // 延长审批 adds days instead of stopping the clock (R-CASE-4), so it is allowed while suspended.
      if (!f.extensionAllowed) return fail('该事项的事项清单未设置“延长审批”特别程序，不能延长审批期限。');
      if (f.extended) return fail('本办件已延长过一次审批期限，不能再次延长。');
      return ok({ to: 'in_review', ...same, action: 'other' });
  }
  if (f.suspended) return fail('办件处于特别程序中（已挂起），请先结束特别程序再继续审查。');
  switch (event) {
    case 'pass':
      if (f.level >= f.levels) {
        return fail(`已到最后一级审查（共 ${f.levels} 级），请作出准予或不予许可的决定。`);
      }
      return ok({ to: 'in_review', level: f.level + 1, suspended: false, action: 'pass' });
    case 'return':
      if (f.level <= 1) return fail('已是第一级审查，不能再退回。');
      return ok({ to: 'in_review', level: f.level - 1, suspended: false, action: 'return' });
    case 'approve':
    case 'deny': {
      if (f.state !== 'in_review' && !(by === 'window' && f.windowAuthorized)) {
        return fail('窗口未获该事项的首席事务代表授权，不能当场作出决定，请分送部门审查。');
      }
      if (f.state === 'in_review' && by !== 'department') return forbidden('审查中的办件由部门作出决定。');
      if (f.state === 'in_review' && f.level < f.levels) {
        return fail(`还需逐级审查：当前第 ${f.level} 级，共 ${f.levels} 级。`);
      }
      if (event === 'approve' && f.outstandingTolerated > 0) {
        return fail(`尚有 ${f.outstandingTolerated} 项容缺材料未补齐，不能准予许可。`);
      }
      return ok({
        to: event === 'approve' ? 'approved' : 'denied',
        ...same,
        action: event === 'approve' ? 'pass' : 'return',
      });
    }
    case 'deliver':
      return ok({ to: 'delivered', ...same, action: 'pass' });
    case 'archive':
      return ok({ to: 'archived', ...same, action: 'other' });
    default:
      return fail('未知的办件操作。');
  }
}

const PARTY_LABELS: Record<CaseParty, string> = {
  window: '窗口',
  department: '审批部门',
  applicant: '申请人',
};

/** The events a party can perform now (for the UI's buttons). */
export function availableEvents(f: CaseFacts, by: CaseParty): CaseEvent[] {
  return (Object.keys(RULES) as CaseEvent[]).filter((e) => transition(f, e, by).ok);
}

/** A case in these states no longer waits for a tolerated material: its commitment is moot. */
export const NOT_WAITING_STATES: readonly CaseState[] = ['rejected', 'withdrawn', 'denied', 'archived'];

/** A case that is over: nothing more happens to it. */
export const CLOSED_STATES: readonly CaseState[] = ['rejected', 'withdrawn', 'archived'];

/** A case whose decision is still open: its deadline is running. */
export const OPEN_STATES: readonly CaseState[] = ['accepted', 'tolerantly_accepted', 'in_review'];

/**
 * 办理状态 BLZT of the national 工程建设项目 exchange (R-PRJ-3) for each event (null: the event has no
 * code of its own); `approve` on a tolerantly accepted case is 12 办结（容缺通过）.
 */
export function blztCode(event: CaseEvent | 'submit', tolerant = false): string | null {
  const map: Record<CaseEvent | 'submit', string | null> = {
    submit: '1',
    withdraw: '14',
    accept: '3',
    accept_tolerantly: '3',
    reject: '5',
    request_correction: '6',
    resubmit: '7',
    dispatch: '8',
    pass: null,
    return: null,
    suspend: '9',
    resume: '10',
    extend: null,
    approve: tolerant ? '12' : '11',
    deny: '13',
    deliver: null,
    archive: null,
  };
  return map[event];
}
