import { describe, expect, it } from 'vitest';
import {
  availableEvents,
  blztCode,
  type CaseEvent,
  type CaseFacts,
  type CaseParty,
  type CaseState,
  transition,
} from './case-machine.ts';

const facts = (over: Partial<CaseFacts> = {}): CaseFacts => ({
  state: 'submitted',
  level: 0,
  levels: 2,
  suspended: false,
  outstandingTolerated: 0,
  windowAuthorized: false,
  extensionAllowed: false,
  extended: false,
  ...over,
});

// [from facts, event, party, expected state | 'refused', expected level]
const TABLE: [Partial<CaseFacts>, CaseEvent, CaseParty, CaseState | 'refused', number?][] = [
  // intake
  [{}, 'accept', 'window', 'accepted'],
  [{}, 'accept_tolerantly', 'window', 'tolerantly_accepted'],
  [{}, 'reject', 'window', 'rejected'],
  [{}, 'request_correction', 'window', 'correction_requested'],
  [{}, 'accept', 'department', 'refused'],
  [{}, 'accept', 'applicant', 'refused'],
  [{}, 'withdraw', 'applicant', 'withdrawn'],
  [{ state: 'correction_requested' }, 'resubmit', 'applicant', 'submitted'],
  [{ state: 'correction_requested' }, 'resubmit', 'window', 'submitted'],
  [{ state: 'correction_requested' }, 'accept', 'window', 'refused'],
  [{ state: 'correction_requested' }, 'withdraw', 'applicant', 'withdrawn'],
  [{ state: 'rejected' }, 'accept', 'window', 'refused'],
  [{ state: 'rejected' }, 'archive', 'window', 'archived'],
  // dispatch and review
  [{ state: 'accepted' }, 'dispatch', 'window', 'in_review', 1],
  [{ state: 'tolerantly_accepted' }, 'dispatch', 'window', 'in_review', 1],
  [{ state: 'accepted' }, 'dispatch', 'department', 'refused'],
  [{ state: 'in_review', level: 1 }, 'pass', 'department', 'in_review', 2],
  [{ state: 'in_review', level: 2 }, 'pass', 'department', 'refused'],
  [{ state: 'in_review', level: 2, levels: 3 }, 'pass', 'department', 'in_review', 3],
  [{ state: 'in_review', level: 3, levels: 3 }, 'pass', 'department', 'refused'],
  [{ state: 'in_review', level: 2 }, 'return', 'department', 'in_review', 1],
  [{ state: 'in_review', level: 1 }, 'return', 'department', 'refused'],
  [{ state: 'in_review', level: 1 }, 'approve', 'department', 'refused'],
  [{ state: 'in_review', level: 2 }, 'approve', 'department', 'approved', 2],
  [{ state: 'in_review', level: 2 }, 'deny', 'department', 'denied', 2],
  [{ state: 'in_review', level: 1, levels: 1 }, 'approve', 'department', 'approved', 1],
  [{ state: 'in_review', level: 2 }, 'approve', 'window', 'refused'],
  // suspensions stop everything but resume
  [{ state: 'in_review', level: 1 }, 'suspend', 'department', 'in_review', 1],
  [{ state: 'in_review', level: 1, suspended: true }, 'suspend', 'department', 'refused'],
  [{ state: 'in_review', level: 1, suspended: true }, 'pass', 'department', 'refused'],
  [{ state: 'in_review', level: 2, suspended: true }, 'approve', 'department', 'refused'],
  [{ state: 'in_review', level: 1, suspended: true }, 'resume', 'department', 'in_review', 1],
  [{ state: 'in_review', level: 1 }, 'resume', 'department', 'refused'],
  [{ state: 'accepted' }, 'suspend', 'department', 'refused'],
  // tolerant acceptance: no approval while a tolerated material is outstanding (R-TOL-1)
  [{ state: 'in_review', level: 2, outstandingTolerated: 1 }, 'approve', 'department', 'refused'],
  [{ state: 'in_review', level: 2, outstandingTolerated: 1 }, 'deny', 'department', 'denied', 2],
  // on-the-spot decision by the window only within an authorization
  [{ state: 'accepted' }, 'approve', 'window', 'refused'],
  [{ state: 'accepted', windowAuthorized: true }, 'approve', 'window', 'approved', 0],
  [{ state: 'accepted', windowAuthorized: true }, 'deny', 'window', 'denied', 0],
  [{ state: 'accepted', windowAuthorized: true }, 'approve', 'department', 'refused'],
  // delivery and archive
  [{ state: 'approved' }, 'deliver', 'window', 'delivered'],
  [{ state: 'denied' }, 'deliver', 'window', 'delivered'],
  [{ state: 'approved' }, 'deliver', 'department', 'refused'],
  [{ state: 'delivered' }, 'archive', 'window', 'archived'],
  [{ state: 'approved' }, 'archive', 'window', 'refused'],
  [{ state: 'archived' }, 'deliver', 'window', 'refused'],
  [{ state: 'withdrawn' }, 'resubmit', 'applicant', 'refused'],
  // 延长审批: once, by the department, only where the catalog allows it; the clock keeps running
  [{ state: 'in_review', level: 1, extensionAllowed: true }, 'extend', 'department', 'in_review', 1],
  [
    { state: 'in_review', level: 1, extensionAllowed: true, suspended: true },
    'extend',
    'department',
    'in_review',
    1,
  ],
  [
    { state: 'in_review', level: 1, extensionAllowed: true, extended: true },
    'extend',
    'department',
    'refused',
  ],
  [{ state: 'in_review', level: 1 }, 'extend', 'department', 'refused'],
  [{ state: 'in_review', level: 1, extensionAllowed: true }, 'extend', 'window', 'refused'],
  [{ state: 'accepted', extensionAllowed: true }, 'extend', 'department', 'refused'],
];

describe('case state machine (DOMAIN.md workflow 2)', () => {
  it.each(TABLE)('%o %s by %s → %s', (from, event, by, expected, level) => {
    const r = transition(facts(from), event, by);
    if (expected === 'refused') {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(/[\u4e00-\u9fa5]/);
      return;
    }
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.next.to).toBe(expected);
    if (level !== undefined) expect(r.next.level).toBe(level);
  });

  it('a refusal names the current state and the event in Chinese', () => {
    const r = transition(facts({ state: 'archived' }), 'deliver', 'window');
    expect(r).toEqual({ ok: false, refusal: 'conflict', reason: '办件当前状态为“已归档”，不能执行“出件”。' });
  });

  it('the wrong party is refused as forbidden, the wrong moment as a conflict', () => {
    expect(transition(facts({ state: 'submitted' }), 'accept', 'department')).toMatchObject({
      ok: false,
      refusal: 'forbidden',
    });
    expect(transition(facts({ state: 'in_review', level: 1 }), 'approve', 'window')).toMatchObject({
      ok: false,
      refusal: 'forbidden',
    });
    expect(transition(facts({ state: 'in_review', suspended: true }), 'pass', 'department')).toMatchObject({
      ok: false,
      refusal: 'conflict',
    });
  });

  it('suspend and resume flip the clock flag and keep the level', () => {
    const s = transition(facts({ state: 'in_review', level: 2, levels: 3 }), 'suspend', 'department');
    expect(s.ok && s.next).toMatchObject({ suspended: true, level: 2 });
    const r = transition(
      facts({ state: 'in_review', level: 2, levels: 3, suspended: true }),
      'resume',
      'department',
    );
    expect(r.ok && r.next).toMatchObject({ suspended: false, level: 2 });
  });

  it('lists the buttons each party sees', () => {
    expect(availableEvents(facts(), 'window').sort()).toEqual(
      ['accept', 'accept_tolerantly', 'reject', 'request_correction', 'withdraw'].sort(),
    );
    expect(availableEvents(facts({ state: 'in_review', level: 1 }), 'department').sort()).toEqual([
      'pass',
      'suspend',
    ]);
    expect(availableEvents(facts({ state: 'in_review', level: 2 }), 'department').sort()).toEqual(
      ['approve', 'deny', 'return', 'suspend'].sort(),
    );
    expect(availableEvents(facts({ state: 'archived' }), 'window')).toEqual([]);
  });

  it('maps events to the national BLZT codes (R-PRJ-3)', () => {
    expect(blztCode('submit')).toBe('1');
    expect(blztCode('accept')).toBe('3');
    expect(blztCode('reject')).toBe('5');
    expect(blztCode('request_correction')).toBe('6');
    expect(blztCode('resubmit')).toBe('7');
    expect(blztCode('dispatch')).toBe('8');
    expect(blztCode('suspend')).toBe('9');
    expect(blztCode('resume')).toBe('10');
    expect(blztCode('approve')).toBe('11');
    expect(blztCode('approve', true)).toBe('12');
    expect(blztCode('deny')).toBe('13');
    expect(blztCode('withdraw')).toBe('14');
    expect(blztCode('deliver')).toBeNull();
  });
});
