// Who may do what to a case (DOMAIN.md workflow 2), as pure functions of the principal, the case
// and its facts: the party the principal acts as, the department head's decisions, and the state
// machine's verdict. The use cases ask it before they write; the detail asks it for the buttons.
import {
  availableEvents,
  CASE_STATE_LABELS,
  type CaseEvent,
  type CaseFacts,
  type CaseParty,
  type CaseState,
  CLOSED_STATES,
  type Transition,
  transition,
} from '../../../lib/case-machine.ts';
import { conflict, forbidden, type Verdict } from '../../../lib/verdict.ts';
import { type Principal, scopeCoversUnit, scopeFor } from '../../platform/access/scope.ts';

/** What the policy reads of a case. */
export interface CasePolicyRow {
  state: string;
  department_id: number;
  region_code: string;
  enterprise_id: number | null;
}

const PARTY_WORDS: Record<CaseParty, string> = {
  window: '窗口',
  department: '审批部门',
  applicant: '申请人',
};

const departmentOf = (row: CasePolicyRow) => ({ id: Number(row.department_id), regionCode: row.region_code });

/**
 * Which parties the principal acts as on this case: the window of the case's region, the
 * department's reviewers, or the applicant enterprise itself.
 */
export function partiesOf(principal: Principal, row: CasePolicyRow): CaseParty[] {
  if (principal.kind === 'enterprise') return Number(row.enterprise_id) === principal.id ? ['applicant'] : [];
  const parties: CaseParty[] = [];
  if (scopeCoversUnit(scopeFor(principal, 'case:intake'), departmentOf(row))) parties.push('window');
  if (scopeCoversUnit(scopeFor(principal, 'case:review'), departmentOf(row))) parties.push('department');
  return parties;
}

/**
 * The department's final decision and 延长审批 (approved by the agency's head) need case:decide;
 * every other event any reviewer of the department may do.
 */
export function mayActAtLevel(principal: Principal, row: CasePolicyRow, event: CaseEvent): boolean {
  const headOnly = event === 'extend' || (['approve', 'deny'].includes(event) && row.state === 'in_review');
  return !headOnly || scopeCoversUnit(scopeFor(principal, 'case:decide'), departmentOf(row));
}

/** The move of one event by one party: forbidden for the wrong party or level, else the machine's verdict. */
export function decideEvent(
  principal: Principal,
  row: CasePolicyRow,
  facts: CaseFacts,
  event: CaseEvent,
  party: CaseParty,
): Verdict<{ next: Transition }> {
  if (!partiesOf(principal, row).includes(party)) {
    return forbidden(`您不能以${PARTY_WORDS[party]}身份办理该办件。`);
  }
  if (!mayActAtLevel(principal, row, event)) {
    return forbidden(
      event === 'extend'
        ? '延长审批期限须经部门负责人批准，请由部门负责人办理。'
        : '最后一级审查的准予或不予许可决定须由部门负责人作出。',
    );
  }
  return transition(facts, event, party);
}

/** The events the principal may perform now, as any of its parties (the detail's buttons). */
export function allowedEvents(principal: Principal, row: CasePolicyRow, facts: CaseFacts): CaseEvent[] {
  const events = new Set<CaseEvent>();
  for (const p of partiesOf(principal, row)) {
    for (const e of availableEvents(facts, p)) if (mayActAtLevel(principal, row, e)) events.add(e);
  }
  return [...events];
}

/** The decision is the department's while in review; before that, an authorized window's on the spot. */
export function decidingParty(principal: Principal, row: CasePolicyRow): CaseParty {
  return row.state === 'in_review' || !partiesOf(principal, row).includes('window') ? 'department' : 'window';
}

/** Withdrawal and resubmission come from the applicant online, or from the window on its behalf. */
export const applicantSide = (principal: Principal): CaseParty =>
  principal.kind === 'enterprise' ? 'applicant' : 'window';

/** The agent (代办员) of a case is named or cleared by the window while the case is not closed. */
export function decideAgentChange(
  principal: Principal,
  row: CasePolicyRow & { agent_id: number | null },
  agentId: number | null,
): Verdict<object> {
  if (!partiesOf(principal, row).includes('window')) return forbidden('代办员由受理窗口指定。');
  if (CLOSED_STATES.includes(row.state as CaseState)) {
    return conflict(`该办件当前为“${CASE_STATE_LABELS[row.state as CaseState]}”，不能再指定代办员。`);
  }
  const current = row.agent_id === null ? null : Number(row.agent_id);
  if (agentId === current) {
    return conflict(agentId === null ? '该办件没有代办员。' : '该代办员已是本办件的代办员。');
  }
  return { ok: true };
}

/** A tolerated material is handed in by the applicant online or at the window. */
export function decideFulfilment(principal: Principal, row: CasePolicyRow): Verdict<object> {
  const parties = partiesOf(principal, row);
  return parties.includes('applicant') || parties.includes('window')
    ? { ok: true }
    : forbidden('容缺材料由申请人或受理窗口补齐。');
}
