import { describe, expect, it } from 'vitest';
import {
  type MeetingEvent,
  type MeetingFacts,
  type MeetingParty,
  meetingEvents,
  meetingTransition,
} from './meeting.ts';

const facts = (over: Partial<MeetingFacts> = {}): MeetingFacts => ({
  state: 'draft',
  started: false,
  decisions: 0,
  attended: 0,
  incompleteDecisions: 0,
  minutesApproved: false,
  ...over,
});
const held = (over: Partial<MeetingFacts> = {}) =>
  facts({ state: 'held', started: true, decisions: 2, attended: 3, ...over });

describe('the meeting machine', () => {
  const table: [
    string,
    MeetingFacts,
    MeetingEvent,
    MeetingParty[],
    'ok' | 'forbidden' | 'conflict',
    string?,
  ][] = [
    ['the organiser convenes a draft', facts(), 'convene', ['organiser'], 'ok', 'convened'],
    ['an invitee cannot convene', facts(), 'convene', ['invitee'], 'forbidden'],
    [
      'a meeting whose time has passed cannot be convened',
      facts({ started: true }),
      'convene',
      ['organiser'],
      'conflict',
    ],
    [
      'an invitee acknowledges a convened meeting',
      facts({ state: 'convened' }),
      'acknowledge',
      ['invitee'],
      'ok',
      'convened',
    ],
    ['no acknowledgement of a draft', facts(), 'acknowledge', ['invitee'], 'conflict'],
    ['no acknowledgement once held', held(), 'acknowledge', ['invitee'], 'conflict'],
    ['not held before it starts', facts({ state: 'convened' }), 'hold', ['organiser'], 'conflict'],
    ['held once started', facts({ state: 'convened', started: true }), 'hold', ['organiser'], 'ok', 'held'],
    ['the record can be saved again', held(), 'hold', ['organiser'], 'ok', 'held'],
    ['the chair approves complete minutes', held(), 'approve_minutes', ['chair'], 'ok', 'held'],
    ['the organiser cannot approve', held(), 'approve_minutes', ['organiser'], 'forbidden'],
    ['no approval without attendance', held({ attended: 0 }), 'approve_minutes', ['chair'], 'conflict'],
    ['no approval without decisions', held({ decisions: 0 }), 'approve_minutes', ['chair'], 'conflict'],
    [
      'no approval with an incomplete decision',
      held({ incompleteDecisions: 1 }),
      'approve_minutes',
      ['chair'],
      'conflict',
    ],
    ['unapproved minutes are not issued', held(), 'issue_minutes', ['organiser'], 'conflict'],
    [
      'approved minutes are issued',
      held({ minutesApproved: true }),
      'issue_minutes',
      ['organiser'],
      'ok',
      'minutes_issued',
    ],
    [
      'a convened meeting can be cancelled',
      facts({ state: 'convened' }),
      'cancel',
      ['organiser'],
      'ok',
      'cancelled',
    ],
    ['a held meeting cannot be cancelled', held(), 'cancel', ['organiser'], 'conflict'],
    ['issued minutes end the meeting', facts({ state: 'minutes_issued' }), 'hold', ['organiser'], 'conflict'],
  ];
  it.each(table)('%s', (_name, f, event, parties, expected, to) => {
    const v = meetingTransition(f, event, parties);
    if (expected === 'ok') expect(v).toEqual({ ok: true, to });
    else expect(v.ok ? 'ok' : v.refusal).toBe(expected);
  });

  it('offers the chair only the signature, and the organiser only what the state allows', () => {
    expect(meetingEvents(held(), ['chair'])).toEqual(['approve_minutes']);
    expect(meetingEvents(facts(), ['organiser'])).toEqual(['edit', 'convene', 'cancel']);
  });
});
