import { describe, expect, it } from 'vitest';
import {
  availableEvents,
  type CoordinationEvent,
  type CoordinationFacts,
  type CoordinationParty,
  DEFAULT_LADDER,
  missingContents,
  nextLevel,
  proposeOutcome,
  type ReplyFacts,
  startLevel,
  transition,
} from './coordination.ts';

const facts = (over: Partial<CoordinationFacts> = {}): CoordinationFacts => ({
  state: 'submitted',
  level: 'center',
  pendingConsultations: 0,
  openCommitments: 0,
  ...over,
});

describe('transition table', () => {
  const rows: [Partial<CoordinationFacts>, CoordinationEvent, CoordinationParty[], string][] = [
    // [facts, event, parties, expected next state or the start of the refusal]
    [{}, 'consult', ['coordinator'], 'consulting'],
    [{ level: 'window' }, 'consult', ['coordinator'], '协调事项尚未上报至政务服务中心'],
    [{ level: 'leader' }, 'consult', ['coordinator'], 'consulting'],
    [{}, 'consult', ['handler'], '您无权分办并书面征询'],
    [{}, 'return', ['handler'], 'returned'],
    [{ state: 'returned' }, 'resubmit', ['submitter'], 'submitted'],
    [{ state: 'returned' }, 'resubmit', ['coordinator'], '您无权补充后重新提交'],
    [{ state: 'consulting' }, 'withdraw', ['submitter'], '协调事项当前为“书面征询中”，不能撤回'],
    [
      { state: 'consulting', pendingConsultations: 2 },
      'decide_letter',
      ['coordinator'],
      '还有 2 个部门未答复',
    ],
    [{ state: 'consulting' }, 'decide_letter', ['coordinator'], 'letter_drafting'],
    [{ state: 'consulting', pendingConsultations: 2 }, 'decide_meeting', ['coordinator'], 'meeting_proposed'],
    [{ state: 'letter_drafting' }, 'send_letter', ['coordinator'], 'tracking'],
    [{ state: 'tracking', openCommitments: 1 }, 'close', ['coordinator'], '还有 1 项承诺事项未办结'],
    [{ state: 'tracking' }, 'close', ['coordinator'], 'closed'],
    [{ state: 'closed' }, 'escalate', ['handler'], '协调事项当前为“已办结”'],
    [{ state: 'consulting', level: 'stage_lead' }, 'escalate', ['handler'], 'consulting'],
    [{ level: 'leader' }, 'escalate', ['handler'], '已上报至分管领导，无更高层级'],
    [{ level: 'center' }, 'instruct', ['leader'], '协调事项尚未上报至分管领导'],
    [{ level: 'leader', state: 'meeting_proposed' }, 'instruct', ['leader'], 'meeting_proposed'],
  ];
  it.each(rows)('%o %s by %o → %s', (f, event, parties, expected) => {
    const r = transition(facts(f), event, parties);
    if (r.ok) expect(r.to).toBe(expected);
    else {
      expect(r.reason.startsWith(expected), r.reason).toBe(true);
      // A missing right is forbidden (403); anything else is the wrong moment (409).
      expect(r.refusal).toBe(expected.startsWith('您无权') ? 'forbidden' : 'conflict');
    }
  });

  it('offers the buttons the rules allow', () => {
    expect(availableEvents(facts(), ['coordinator', 'handler'])).toEqual([
      'return',
      'consult',
      'close',
      'escalate',
    ]);
    expect(availableEvents(facts({ state: 'closed' }), ['coordinator', 'handler', 'submitter'])).toEqual([]);
  });
});

describe('the ladder', () => {
  it('starts where the request comes from and climbs one level at a time', () => {
    expect([
      startLevel('enterprise'),
      startLevel('case'),
      startLevel('stage_lead'),
      startLevel('town'),
    ]).toEqual(['center', 'window', 'stage_lead', 'center']);
    expect([nextLevel('window'), nextLevel('stage_lead'), nextLevel('center'), nextLevel('leader')]).toEqual([
      'stage_lead',
      'center',
      'leader',
      null,
    ]);
  });

  it('lists the missing contents in the order the step requires them', () => {
    const has = {
      overview: true,
      problem: true,
      positions: false,
      proposal: false,
      contact: true,
      attachments: false,
      consultations: false,
    };
    expect(DEFAULT_LADDER.map((s) => missingContents(s, has))).toEqual([
      [],
      ['positions'],
      ['positions', 'proposal', 'attachments'],
      ['positions', 'proposal', 'attachments', 'consultations'],
    ]);
  });
});

describe('outcome analysis', () => {
  const r = (department: string, stance: ReplyFacts['stance'], overdue = false): ReplyFacts => ({
    department,
    stance,
    overdue,
    conditions: '',
  });
  const rows: [string, 'simple' | 'major' | 'complex', ReplyFacts[], 'letter' | 'meeting', string[]][] = [
    [
      'all agree, simple',
      'simple',
      [r('甲', 'agree'), r('乙', 'agree')],
      'letter',
      ['各部门均同意，事项一般。'],
    ],
    [
      'conditional agreement is flagged, not blocked',
      'simple',
      [r('甲', 'agree'), r('乙', 'conditional')],
      'letter',
      ['各部门均同意，其中乙附有条件，请核对条件是否相容。'],
    ],
    ['one disagrees', 'simple', [r('甲', 'agree'), r('乙', 'disagree')], 'meeting', ['乙不同意。']],
    [
      'silence is not agreement',
      'simple',
      [r('甲', 'agree'), r('乙', null, true)],
      'meeting',
      ['乙逾期未答复。'],
    ],
    ['not yet answered', 'simple', [r('甲', null)], 'meeting', ['甲尚未答复。']],
    ['major matter', 'major', [r('甲', 'agree')], 'meeting', ['协调事项被标记为“重大”。']],
    [
      'complex and a disagreement',
      'complex',
      [r('甲', 'disagree')],
      'meeting',
      ['协调事项被标记为“复杂”。', '甲不同意。'],
    ],
  ];
  it.each(rows)('%s', (_label, complexity, replies, outcome, reasons) => {
    expect(proposeOutcome(complexity, replies)).toEqual({ outcome, reasons });
  });
});
