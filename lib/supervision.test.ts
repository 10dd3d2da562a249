import { describe, expect, it } from 'vitest';
import {
  type SupervisionEvent,
  type SupervisionFacts,
  type SupervisionParty,
  supervisionEvents,
  supervisionTransition,
} from './supervision.ts';

const facts = (over: Partial<SupervisionFacts> = {}): SupervisionFacts => ({
  status: 'open',
  evidence: 0,
  pendingExtension: false,
  ...over,
});

describe('the supervision machine', () => {
  const table: [
    string,
    SupervisionFacts,
    SupervisionEvent,
    SupervisionParty[],
    'ok' | 'forbidden' | 'conflict',
    string?,
  ][] = [
    ['the owner reports progress', facts(), 'report_progress', ['owner'], 'ok', 'open'],
    ['the supervisor does not report for the owner', facts(), 'report_progress', ['supervisor'], 'forbidden'],
    ['done needs evidence', facts(), 'report_done', ['owner'], 'conflict'],
    [
      'done with evidence awaits confirmation',
      facts({ evidence: 1 }),
      'report_done',
      ['owner'],
      'ok',
      'reported',
    ],
    [
      'the owner cannot confirm its own report',
      facts({ status: 'reported' }),
      'confirm',
      ['owner'],
      'forbidden',
    ],
    ['the supervisor confirms', facts({ status: 'reported' }), 'confirm', ['supervisor'], 'ok', 'done'],
    [
      'the supervisor returns a thin report',
      facts({ status: 'reported' }),
      'return',
      ['supervisor'],
      'ok',
      'open',
    ],
    ['nothing to confirm while open', facts(), 'confirm', ['supervisor'], 'conflict'],
    ['an open item is urged', facts(), 'urge', ['supervisor'], 'ok', 'open'],
    ['a closed item is not urged', facts({ status: 'done' }), 'urge', ['supervisor'], 'conflict'],
    ['the owner asks for more time', facts(), 'request_extension', ['owner'], 'ok', 'open'],
    ['one request at a time', facts({ pendingExtension: true }), 'request_extension', ['owner'], 'conflict'],
    [
      'the supervisor decides a pending request',
      facts({ pendingExtension: true }),
      'decide_extension',
      ['supervisor'],
      'ok',
      'open',
    ],
    ['no request, nothing to decide', facts(), 'decide_extension', ['supervisor'], 'conflict'],
    ['the supervisor cancels with a reason', facts(), 'cancel', ['supervisor'], 'ok', 'cancelled'],
    ['a done item stays done', facts({ status: 'done' }), 'cancel', ['supervisor'], 'conflict'],
  ];
  it.each(table)('%s', (_name, f, event, parties, expected, to) => {
    const v = supervisionTransition(f, event, parties);
    if (expected === 'ok') expect(v).toEqual({ ok: true, to });
    else expect(v.ok ? 'ok' : v.refusal).toBe(expected);
  });

  it('offers each side its own buttons', () => {
    expect(supervisionEvents(facts(), ['owner'])).toEqual([
      'report_progress',
      'report_done',
      'request_extension',
    ]);
    expect(supervisionEvents(facts({ status: 'reported' }), ['supervisor'])).toEqual([
      'confirm',
      'return',
      'cancel',
    ]);
  });
});
