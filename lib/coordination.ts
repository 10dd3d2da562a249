// THE coordination rules (DOMAIN.md workflow 3) as pure functions: the request state machine, the
// outcome analysis of the replies, and the escalation ladder. The server applies them inside the
// transaction of each action; the UI asks them which buttons to show and why.
//
// submitted ⇄ returned → consulting → letter_drafting → tracking → closed
//                                   ↘ meeting_proposed → tracking (minutes issued) → closed
// Escalation moves the request up the ladder (window → stage_lead → center → leader) in any open
// state; it does not change the state.

import { conflict, forbidden, type Verdict } from './verdict.ts';
import { valuesOf } from './vocabularies.ts';

export const COORDINATION_STATE_LABELS = {
  submitted: '待分办',
  returned: '退回补充',
  consulting: '书面征询中',
  letter_drafting: '告知函拟稿',
  meeting_proposed: '拟召开协调会',
  tracking: '承诺督办中',
  closed: '已办结',
  withdrawn: '已撤回',
} as const;
export type CoordinationState = keyof typeof COORDINATION_STATE_LABELS;
export const COORDINATION_STATES = valuesOf(COORDINATION_STATE_LABELS);

/** Board columns, in the order a request moves through them. */
export const OPEN_STATES: readonly CoordinationState[] = [
  'submitted',
  'returned',
  'consulting',
  'letter_drafting',
  'meeting_proposed',
  'tracking',
];

export const COORDINATION_EVENT_LABELS = {
  return: '退回补充',
  resubmit: '补充后重新提交',
  withdraw: '撤回',
  consult: '分办并书面征询',
  decide_letter: '确定以告知函答复',
  decide_meeting: '提请召开专题协调会',
  send_letter: '签发告知函',
  issue_minutes: '印发会议纪要',
  close: '办结',
  escalate: '逐级上报',
  instruct: '领导批示',
} as const;
export type CoordinationEvent = keyof typeof COORDINATION_EVENT_LABELS;
export const COORDINATION_EVENTS = valuesOf(COORDINATION_EVENT_LABELS);

/** Who acts: the submitter, the center's coordinator, the handler of the current ladder level, the leader. */
export type CoordinationParty = 'submitter' | 'coordinator' | 'handler' | 'leader';

export const LADDER: readonly LadderLevel[] = ['window', 'stage_lead', 'center', 'leader'];
export const LADDER_LABELS = {
  window: '综合窗口',
  stage_lead: '阶段牵头部门',
  center: '政务服务中心',
  leader: '分管领导',
} as const;
export type LadderLevel = keyof typeof LADDER_LABELS;
export const LADDER_LEVELS = valuesOf(LADDER_LABELS);

export const SOURCE_LABELS = {
  enterprise: '企业（网上提交）',
  park: '园区',
  town: '镇（街道）',
  window: '综合窗口',
  case: '办件中发现（窗口）',
  stage_lead: '阶段牵头部门',
} as const;
export type CoordinationSource = keyof typeof SOURCE_LABELS;
export const COORDINATION_SOURCES = valuesOf(SOURCE_LABELS);

/** The ladder level at which a request from this source starts. */
export function startLevel(source: CoordinationSource): LadderLevel {
  if (source === 'window' || source === 'case') return 'window';
  if (source === 'stage_lead') return 'stage_lead';
  return 'center';
}

export const COMPLEXITY_LABELS = {
  simple: '一般',
  major: '重大',
  complex: '复杂',
} as const;
export type Complexity = keyof typeof COMPLEXITY_LABELS;
export const COMPLEXITIES = valuesOf(COMPLEXITY_LABELS);

export const STANCE_LABELS = {
  agree: '同意',
  conditional: '有条件同意',
  disagree: '不同意',
} as const;
export type Stance = keyof typeof STANCE_LABELS;
export const STANCES = valuesOf(STANCE_LABELS);

/** What a request must contain; the ladder says which at each level. */
export type ContentKey =
  | 'overview'
  | 'problem'
  | 'positions'
  | 'proposal'
  | 'contact'
  | 'attachments'
  | 'consultations';
export const CONTENT_LABELS: Readonly<Record<ContentKey, string>> = {
  overview: '项目概况',
  problem: '存在问题',
  positions: '相关部门意见',
  proposal: '拟解决方案',
  contact: '联系人及电话',
  attachments: '附件材料',
  consultations: '书面征询结果',
};
export const CONTENT_KEYS = Object.keys(CONTENT_LABELS) as ContentKey[];

export interface LadderStep {
  level: LadderLevel;
  /** Working days the level has to resolve or pass the request on. */
  limitDays: number;
  required: ContentKey[];
}

/** The default ladder of a region; an administrator may change limits and required contents. */
export const DEFAULT_LADDER: readonly LadderStep[] = [
  { level: 'window', limitDays: 2, required: ['overview', 'problem', 'contact'] },
  { level: 'stage_lead', limitDays: 3, required: ['overview', 'problem', 'positions', 'contact'] },
  {
    level: 'center',
    limitDays: 5,
    required: ['overview', 'problem', 'positions', 'proposal', 'contact', 'attachments'],
  },
  {
    level: 'leader',
    limitDays: 5,
    required: ['overview', 'problem', 'positions', 'proposal', 'contact', 'attachments', 'consultations'],
  },
];

export function nextLevel(level: LadderLevel): LadderLevel | null {
  return LADDER[LADDER.indexOf(level) + 1] ?? null;
}

/** The contents a request lacks for a ladder step, in the step's order. */
export function missingContents(
  step: LadderStep,
  present: Readonly<Record<ContentKey, boolean>>,
): ContentKey[] {
  return step.required.filter((k) => !present[k]);
}

// --- the state machine --------------------------------------------------------------------------

export interface CoordinationFacts {
  state: CoordinationState;
  level: LadderLevel;
  /** Consultations not answered (signed) and not yet due. */
  pendingConsultations: number;
  /** Tracked commitments still open. */
  openCommitments: number;
}

interface Rule {
  from: readonly CoordinationState[];
  party: readonly CoordinationParty[];
  to: CoordinationState | null;
  guard?: (f: CoordinationFacts) => string | null;
}

const ANY_OPEN = OPEN_STATES.filter((s) => s !== 'returned');
const atCenter = (f: CoordinationFacts) =>
  f.level === 'center' || f.level === 'leader'
    ? null
    : '协调事项尚未上报至政务服务中心，由当前层级先行协调。';

const RULES: Readonly<Record<CoordinationEvent, Rule>> = {
  return: { from: ['submitted'], party: ['coordinator', 'handler'], to: 'returned' },
  resubmit: { from: ['returned'], party: ['submitter'], to: 'submitted' },
  withdraw: { from: ['submitted', 'returned'], party: ['submitter'], to: 'withdrawn' },
  consult: { from: ['submitted'], party: ['coordinator'], to: 'consulting', guard: atCenter },
  decide_letter: {
    from: ['consulting'],
    party: ['coordinator'],
    to: 'letter_drafting',
    guard: (f) =>
      f.pendingConsultations > 0 ? `还有 ${f.pendingConsultations} 个部门未答复且未到答复期限。` : null,
  },
  decide_meeting: { from: ['consulting', 'letter_drafting'], party: ['coordinator'], to: 'meeting_proposed' },
  send_letter: { from: ['letter_drafting'], party: ['coordinator'], to: 'tracking' },
  // The minutes of the meeting convened on the request are issued: its decisions are tracked.
  issue_minutes: { from: ['meeting_proposed'], party: ['coordinator'], to: 'tracking' },
  close: {
    from: ['submitted', 'tracking', 'meeting_proposed'],
    party: ['coordinator', 'handler'],
    to: 'closed',
    guard: (f) => (f.openCommitments > 0 ? `还有 ${f.openCommitments} 项承诺事项未办结，不能办结。` : null),
  },
  escalate: {
    from: ANY_OPEN,
    party: ['handler'],
    to: null,
    guard: (f) => (nextLevel(f.level) ? null : '已上报至分管领导，无更高层级。'),
  },
  instruct: {
    from: ANY_OPEN,
    party: ['leader'],
    to: null,
    guard: (f) => (f.level === 'leader' ? null : '协调事项尚未上报至分管领导。'),
  },
};

export type Transition = Verdict<{ to: CoordinationState }>;

export function transition(
  f: CoordinationFacts,
  event: CoordinationEvent,
  parties: readonly CoordinationParty[],
): Transition {
  const rule = RULES[event];
  if (!rule.party.some((p) => parties.includes(p)))
    return forbidden(`您无权${COORDINATION_EVENT_LABELS[event]}。`);
  if (!rule.from.includes(f.state)) {
    return conflict(
      `协调事项当前为“${COORDINATION_STATE_LABELS[f.state]}”，不能${COORDINATION_EVENT_LABELS[event]}。`,
    );
  }
  const blocked = rule.guard?.(f);
  if (blocked) return conflict(blocked);
  return { ok: true, to: rule.to ?? f.state };
}

/** The events the given parties may perform now (the UI's buttons). */
export function availableEvents(
  f: CoordinationFacts,
  parties: readonly CoordinationParty[],
): CoordinationEvent[] {
  return (Object.keys(RULES) as CoordinationEvent[]).filter((e) => transition(f, e, parties).ok);
}

// --- the outcome analysis -----------------------------------------------------------------------

export interface ReplyFacts {
  department: string;
  /** null: no signed reply (not yet due, or silent past the due date). */
  stance: Stance | null;
  overdue: boolean;
  conditions: string;
}

export interface OutcomeProposal {
  outcome: 'letter' | 'meeting';
  reasons: string[];
}

/**
 * Simple and consistent → a notification letter; any disagreement, a major or complex matter, or a
 * missing reply → a special coordination meeting. Silence is never counted as agreement.
 */
export function proposeOutcome(complexity: Complexity, replies: readonly ReplyFacts[]): OutcomeProposal {
  const reasons: string[] = [];
  if (complexity !== 'simple') reasons.push(`协调事项被标记为“${COMPLEXITY_LABELS[complexity]}”。`);
  for (const r of replies) {
    if (r.stance === 'disagree') reasons.push(`${r.department}不同意。`);
    if (r.stance === null)
      reasons.push(r.overdue ? `${r.department}逾期未答复。` : `${r.department}尚未答复。`);
  }
  const conditional = replies.filter((r) => r.stance === 'conditional');
  // Conditions of different departments may contradict each other; the letter is only proposed
  // when they can be read together, which a person decides: flag them, do not block.
  if (reasons.length === 0) {
    return {
      outcome: 'letter',
      reasons: [
        conditional.length
          ? `各部门均同意，其中${conditional.map((r) => r.department).join('、')}附有条件，请核对条件是否相容。`
          : '各部门均同意，事项一般。',
      ],
    };
  }
  return { outcome: 'meeting', reasons };
}
