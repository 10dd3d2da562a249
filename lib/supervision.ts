// THE supervision rules (DOMAIN.md workflow 5) as pure functions: a tracked item (督办事项) and
// what may happen to it. Done means evidence reported by the owner and confirmed by the
// supervising side, never the owner ticking a box.
//
// open ⇄ reported (the owner reported it done with evidence; the supervising side confirms or
// returns it) → done;  open | reported → cancelled (by the supervising side, with a reason)

import { conflict, forbidden, type Verdict } from './verdict.ts';
import { valuesOf } from './vocabularies.ts';

export const SUPERVISION_SOURCE_LABELS = {
  commitment: '告知函承诺',
  meeting_decision: '会议议定事项',
  instruction: '领导批示',
  plan_step: '实施方案任务',
  handover: '问题交办',
  overdue_case: '超期办件',
} as const;
export type SupervisionSource = keyof typeof SUPERVISION_SOURCE_LABELS;
export const SUPERVISION_SOURCES = valuesOf(SUPERVISION_SOURCE_LABELS);

export const SUPERVISION_STATUS_LABELS = {
  open: '督办中',
  reported: '待确认办结',
  done: '已办结',
  cancelled: '已撤销',
} as const;
export type SupervisionStatus = keyof typeof SUPERVISION_STATUS_LABELS;
export const SUPERVISION_STATUSES = valuesOf(SUPERVISION_STATUS_LABELS);

export const REPORT_KIND_LABELS = { progress: '进展报告', done: '办结报告' } as const;
export type ReportKind = keyof typeof REPORT_KIND_LABELS;
export const REPORT_KINDS = valuesOf(REPORT_KIND_LABELS);

export const EXTENSION_STATE_LABELS = { pending: '待审核', granted: '已同意', refused: '不同意' } as const;
export type ExtensionState = keyof typeof EXTENSION_STATE_LABELS;
export const EXTENSION_STATES = valuesOf(EXTENSION_STATE_LABELS);

/** Why an item was urged (R-SUP-1's rule id): by hand, or by the sweep before, on or after the due date. */
export const URGE_RULE_LABELS = {
  manual: '人工催办',
  before_due: '到期前提醒',
  on_due: '到期日提醒',
  overdue: '超期催办',
} as const;
export type UrgeRule = keyof typeof URGE_RULE_LABELS;
export const URGE_RULES = valuesOf(URGE_RULE_LABELS);

export const SUPERVISION_EVENT_LABELS = {
  report_progress: '报告进展',
  report_done: '报告办结',
  confirm: '确认办结',
  return: '退回办结报告',
  urge: '催办',
  request_extension: '申请延期',
  decide_extension: '审核延期申请',
  cancel: '撤销督办',
} as const;
export type SupervisionEvent = keyof typeof SUPERVISION_EVENT_LABELS;

/** The owner unit reports and asks; the supervising side (supervision office, center) decides and urges. */
export type SupervisionParty = 'owner' | 'supervisor';

export interface SupervisionFacts {
  status: SupervisionStatus;
  /** Evidence files attached to the report being made (report_done needs at least one). */
  evidence: number;
  /** An extension request waits for a decision. */
  pendingExtension: boolean;
}

interface Rule {
  from: readonly SupervisionStatus[];
  party: readonly SupervisionParty[];
  to: SupervisionStatus | null;
  guard?: (f: SupervisionFacts) => string | null;
}

const RULES: Readonly<Record<SupervisionEvent, Rule>> = {
  report_progress: { from: ['open'], party: ['owner'], to: null },
  report_done: {
    from: ['open'],
    party: ['owner'],
    to: 'reported',
    guard: (f) => (f.evidence > 0 ? null : '报告办结须附办结证明材料（至少一份文件）。'),
  },
  confirm: { from: ['reported'], party: ['supervisor'], to: 'done' },
  return: { from: ['reported'], party: ['supervisor'], to: 'open' },
  urge: { from: ['open'], party: ['supervisor'], to: null },
  request_extension: {
    from: ['open'],
    party: ['owner'],
    to: null,
    guard: (f) => (f.pendingExtension ? '已有延期申请在审核中。' : null),
  },
  decide_extension: {
    from: ['open', 'reported'],
    party: ['supervisor'],
    to: null,
    guard: (f) => (f.pendingExtension ? null : '没有待审核的延期申请。'),
  },
  cancel: { from: ['open', 'reported'], party: ['supervisor'], to: 'cancelled' },
};

export type SupervisionTransition = Verdict<{ to: SupervisionStatus }>;

export function supervisionTransition(
  f: SupervisionFacts,
  event: SupervisionEvent,
  parties: readonly SupervisionParty[],
): SupervisionTransition {
  const rule = RULES[event];
  if (!rule.party.some((p) => parties.includes(p))) {
    return forbidden(`您无权${SUPERVISION_EVENT_LABELS[event]}。`);
  }
  if (!rule.from.includes(f.status)) {
    return conflict(
      `督办事项当前为“${SUPERVISION_STATUS_LABELS[f.status]}”，不能${SUPERVISION_EVENT_LABELS[event]}。`,
    );
  }
  const blocked = rule.guard?.(f);
  if (blocked) return conflict(blocked);
  return { ok: true, to: rule.to ?? f.status };
}

/** The events the parties may perform now (the item page's buttons; report_done is offered whatever the files). */
export function supervisionEvents(
  f: SupervisionFacts,
  parties: readonly SupervisionParty[],
): SupervisionEvent[] {
  return (Object.keys(RULES) as SupervisionEvent[]).filter(
    (e) => supervisionTransition({ ...f, evidence: Math.max(f.evidence, 1) }, e, parties).ok,
  );
}
