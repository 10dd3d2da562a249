import { describe, expect, it } from 'vitest';
import type { CaseEvent, CaseFacts, CaseParty } from '../../../lib/case-machine.ts';
import type { Principal } from '../../platform/access/scope.ts';
import { allowedEvents, decideAgentChange, decideEvent, decidingParty, partiesOf } from './cases.policy.ts';

// Who may do what to a case, as a table: the principal's roles and scope, the case, the event.
const DEPT = 11;
const OTHER_DEPT = 12;
const CENTER = 1;

function staff(role: string, scope: 'own_unit' | 'region', unitId: number, regionCode = '330402'): Principal {
  return {
    kind: 'staff',
    id: 100,
    username: role,
    displayName: role,
    unitId,
    unitName: '单位',
    regionCode,
    visibleRegionCodes: [regionCode],
    grants: [{ role, scope, scopeUnitIds: [] }],
    mustChangePassword: false,
    mustEnrolTotp: false,
    totpEnabled: false,
    sessionHash: 'x',
  };
}
const enterprise = (id: number): Principal => ({
  kind: 'enterprise',
  id,
  username: 'e',
  displayName: '企业',
  uscc: '91330402MA2B000000',
  regionCode: '330402',
  mustChangePassword: false,
  sessionHash: 'x',
});

const WINDOW = staff('window_clerk', 'region', CENTER);
const OFFICER = staff('dept_officer', 'own_unit', DEPT);
const LEAD = staff('dept_lead', 'own_unit', DEPT);
const OTHER_LEAD = staff('dept_lead', 'own_unit', OTHER_DEPT);
const COUNTY_WINDOW = staff('window_clerk', 'region', 2, '330411');
const APPLICANT = enterprise(7);

const row = (state: string, agent: number | null = null) => ({
  state,
  department_id: DEPT,
  region_code: '330402',
  enterprise_id: 7,
  agent_id: agent,
});
const facts = (f: Partial<CaseFacts> = {}): CaseFacts => ({
  state: 'in_review',
  level: 1,
  levels: 1,
  suspended: false,
  outstandingTolerated: 0,
  windowAuthorized: false,
  extensionAllowed: true,
  extended: false,
  ...f,
});

describe('cases policy', () => {
  it.each([
    ['window of the region', WINDOW, ['window']],
    ['reviewer of the department', OFFICER, ['department']],
    ['head of the department', LEAD, ['department']],
    ['head of another department', OTHER_LEAD, []],
    ['window of another county', COUNTY_WINDOW, []],
    ['the applicant', APPLICANT, ['applicant']],
    ['another enterprise', enterprise(8), []],
  ] as const)('%s acts as %o', (_label, p, parties) => {
    expect(partiesOf(p, row('in_review'))).toEqual(parties);
  });

  const TABLE: [
    string,
    Principal,
    string,
    Partial<CaseFacts>,
    CaseEvent,
    CaseParty,
    'ok' | 'forbidden' | 'conflict',
  ][] = [
    ['window accepts', WINDOW, 'submitted', { state: 'submitted' }, 'accept', 'window', 'ok'],
    [
      'officer cannot accept as window',
      OFFICER,
      'submitted',
      { state: 'submitted' },
      'accept',
      'window',
      'forbidden',
    ],
    ['officer passes a level', OFFICER, 'in_review', { levels: 2 }, 'pass', 'department', 'ok'],
    ['officer cannot decide the last level', OFFICER, 'in_review', {}, 'approve', 'department', 'forbidden'],
    ['head decides the last level', LEAD, 'in_review', {}, 'approve', 'department', 'ok'],
    ['officer cannot extend', OFFICER, 'in_review', {}, 'extend', 'department', 'forbidden'],
    ['head extends once', LEAD, 'in_review', {}, 'extend', 'department', 'ok'],
    ['head cannot extend twice', LEAD, 'in_review', { extended: true }, 'extend', 'department', 'conflict'],
    ['other department cannot review', OTHER_LEAD, 'in_review', {}, 'approve', 'department', 'forbidden'],
    [
      'head cannot approve with a tolerated material outstanding',
      LEAD,
      'in_review',
      { outstandingTolerated: 1 },
      'approve',
      'department',
      'conflict',
    ],
    [
      'applicant withdraws before acceptance',
      APPLICANT,
      'submitted',
      { state: 'submitted' },
      'withdraw',
      'applicant',
      'ok',
    ],
    ['applicant cannot withdraw in review', APPLICANT, 'in_review', {}, 'withdraw', 'applicant', 'conflict'],
    [
      'unauthorized window cannot decide on the spot',
      WINDOW,
      'accepted',
      { state: 'accepted' },
      'approve',
      'window',
      'conflict',
    ],
    [
      'authorized window decides on the spot',
      WINDOW,
      'accepted',
      { state: 'accepted', windowAuthorized: true },
      'approve',
      'window',
      'ok',
    ],
  ];
  it.each(TABLE)('%s', (_label, p, state, f, event, party, expected) => {
    const v = decideEvent(p, row(state), facts({ state: state as CaseFacts['state'], ...f }), event, party);
    expect(v.ok ? 'ok' : v.refusal).toBe(expected);
  });

  it('offers the head the decision and the officer only the review buttons', () => {
    expect(allowedEvents(LEAD, row('in_review'), facts())).toEqual(
      expect.arrayContaining(['approve', 'deny', 'extend', 'suspend']),
    );
    expect(allowedEvents(OFFICER, row('in_review'), facts())).not.toContain('approve');
    expect(allowedEvents(OFFICER, row('in_review'), facts())).not.toContain('extend');
  });

  it('the decision is the department’s in review, the window’s on the spot before it', () => {
    expect(decidingParty(WINDOW, row('accepted'))).toBe('window');
    expect(decidingParty(WINDOW, row('in_review'))).toBe('department');
    expect(decidingParty(LEAD, row('accepted'))).toBe('department');
  });

  it.each([
    ['the window names an agent', WINDOW, row('submitted'), 5, 'ok'],
    ['a reviewer may not', OFFICER, row('submitted'), 5, 'forbidden'],
    ['not on a closed case', WINDOW, row('archived'), 5, 'conflict'],
    ['not the same agent twice', WINDOW, row('submitted', 5), 5, 'conflict'],
    ['not clearing nobody', WINDOW, row('submitted'), null, 'conflict'],
  ] as const)('%s', (_label, p, r, agent, expected) => {
    const v = decideAgentChange(p, r, agent);
    expect(v.ok ? 'ok' : v.refusal).toBe(expected);
  });
});
