import { describe, expect, it } from 'vitest';
import { type IsoDate, isWeekend } from './dates.ts';
import {
  type MeetingEvent,
  type MeetingFacts,
  type MeetingParty,
  meetingEvents,
  meetingTransition,
  nextOccurrence,
  type StandingSchedule,
} from './meeting.ts';

const facts = (over: Partial<MeetingFacts> = {}): MeetingFacts => ({
  kind: 'special',
  state: 'draft',
  started: false,
  decisions: 0,
  attended: 0,
  incompleteDecisions: 0,
  minutesApproved: false,
  agendaApproved: true,
  topics: 2,
  pendingProposals: 0,
  correcting: false,
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
    // The agenda: approved before the notice, by the leader (special) or the convener (joint).
    [
      'a special meeting is not convened on an unapproved agenda',
      facts({ agendaApproved: false }),
      'convene',
      ['organiser'],
      'conflict',
    ],
    [
      'a regular meeting needs no approval',
      facts({ kind: 'regular', agendaApproved: false }),
      'convene',
      ['organiser'],
      'ok',
      'convened',
    ],
    [
      'the leader approves a special agenda',
      facts({ agendaApproved: false }),
      'approve_agenda',
      ['chair'],
      'ok',
      'draft',
    ],
    ['an approved agenda is not approved again', facts(), 'approve_agenda', ['chair'], 'conflict'],
    [
      'the convener approves a joint agenda',
      facts({ kind: 'joint', agendaApproved: false }),
      'approve_agenda',
      ['convener'],
      'ok',
      'draft',
    ],
    [
      'a chair who is not the convener cannot approve a joint agenda',
      facts({ kind: 'joint' }),
      'approve_agenda',
      ['chair'],
      'forbidden',
    ],
    ['a convener has no say on a special agenda', facts(), 'approve_agenda', ['convener'], 'forbidden'],
    [
      'not approved while proposals wait',
      facts({ pendingProposals: 1, agendaApproved: false }),
      'approve_agenda',
      ['chair'],
      'conflict',
    ],
    [
      'not approved without topics',
      facts({ topics: 0, agendaApproved: false }),
      'approve_agenda',
      ['chair'],
      'conflict',
    ],
    [
      'a regular agenda is not approved',
      facts({ kind: 'regular' }),
      'approve_agenda',
      ['chair', 'convener'],
      'conflict',
    ],
    ['an invitee proposes a topic to a draft', facts(), 'propose_topic', ['invitee'], 'ok', 'draft'],
    ['no proposals once convened', facts({ state: 'convened' }), 'propose_topic', ['invitee'], 'conflict'],
    ['figures only for a regular meeting', facts(), 'refresh_figures', ['organiser'], 'conflict'],
    [
      'materials can follow the notice',
      facts({ state: 'convened' }),
      'add_material',
      ['organiser'],
      'ok',
      'convened',
    ],
    [
      'materials sent cannot be withdrawn',
      facts({ state: 'convened' }),
      'remove_material',
      ['organiser'],
      'conflict',
    ],
    // Issued minutes: received by their recipients, corrected only by a new signed version.
    [
      'a recipient signs for the minutes',
      facts({ state: 'minutes_issued' }),
      'receive_minutes',
      ['recipient'],
      'ok',
      'minutes_issued',
    ],
    [
      'issued minutes are not signed again without a correction',
      facts({ state: 'minutes_issued', decisions: 2, attended: 2 }),
      'approve_minutes',
      ['chair'],
      'conflict',
    ],
    [
      'a correction is signed',
      facts({ state: 'minutes_issued', decisions: 2, attended: 2, correcting: true }),
      'approve_minutes',
      ['chair'],
      'ok',
      'minutes_issued',
    ],
    [
      'a signed correction is issued',
      facts({ state: 'minutes_issued', correcting: true, minutesApproved: true }),
      'issue_minutes',
      ['organiser'],
      'ok',
      'minutes_issued',
    ],
    [
      'an unsigned correction is not issued',
      facts({ state: 'minutes_issued', correcting: true }),
      'issue_minutes',
      ['organiser'],
      'conflict',
    ],
    [
      'the receipts are reminded after the minutes',
      facts({ state: 'minutes_issued' }),
      'remind',
      ['organiser'],
      'ok',
      'minutes_issued',
    ],
    ['issued minutes end the meeting', facts({ state: 'minutes_issued' }), 'hold', ['organiser'], 'conflict'],
  ];
  it.each(table)('%s', (_name, f, event, parties, expected, to) => {
    const v = meetingTransition(f, event, parties);
    if (expected === 'ok') expect(v).toEqual({ ok: true, to });
    else expect(v.ok ? 'ok' : v.refusal).toBe(expected);
  });

  it('offers the chair only the signature, and the organiser only what the state allows', () => {
    expect(meetingEvents(held(), ['chair'])).toEqual(['approve_minutes']);
    expect(meetingEvents(facts(), ['organiser'])).toEqual([
      'edit',
      'decide_proposal',
      'add_material',
      'remove_material',
      'convene',
      'cancel',
    ]);
  });
});

// A test calendar: weekends off, and the National Day and New Year holidays.
const HOLIDAYS = new Set([
  '2026-10-01',
  '2026-10-02',
  '2026-10-05',
  '2026-10-06',
  '2026-10-07',
  '2027-01-01',
]);
const working = (d: IsoDate) => !isWeekend(d) && !HOLIDAYS.has(d);

describe('the standing schedule of regular meetings', () => {
  const weekly = (day: number): StandingSchedule => ({ cadence: 'weekly', day });
  const monthly = (day: number): StandingSchedule => ({ cadence: 'monthly', day });
  const table: [string, StandingSchedule, IsoDate, IsoDate][] = [
    ['Monday meeting, asked on a Monday', weekly(1), '2026-12-07', '2026-12-07'],
    ['Monday meeting, asked on a Tuesday', weekly(1), '2026-12-08', '2026-12-14'],
    ['Friday meeting, asked on a Saturday', weekly(5), '2026-12-12', '2026-12-18'],
    ['Monday in the National Day holiday moves to the Thursday', weekly(1), '2026-10-01', '2026-10-08'],
    ['the moved meeting is still next after the holiday', weekly(1), '2026-10-06', '2026-10-08'],
    ['and the week after is back on Monday', weekly(1), '2026-10-09', '2026-10-12'],
    ['a Sunday meeting falls on the Monday', weekly(7), '2026-12-08', '2026-12-14'],
    ['the 1st of next month, New Year moved to Monday', monthly(1), '2026-12-07', '2027-01-04'],
    ['the 28th, asked that day', monthly(28), '2026-12-28', '2026-12-28'],
    ['the 10th on a Saturday moves to Monday', monthly(10), '2026-10-01', '2026-10-12'],
    ['the 3rd in the holiday, asked after it began', monthly(3), '2026-10-06', '2026-10-08'],
    ['the 15th across a year end', monthly(15), '2026-12-16', '2027-01-15'],
  ];
  it.each(table)('%s', (_name, schedule, from, expected) => {
    expect(nextOccurrence(schedule, from, working).on).toBe(expected);
  });

  it('reports on the period since the previous named date, without gaps or overlaps', () => {
    expect(nextOccurrence(weekly(1), '2026-12-08', working).period).toEqual({
      from: '2026-12-07',
      to: '2026-12-13',
    });
    expect(nextOccurrence(monthly(1), '2026-12-07', working).period).toEqual({
      from: '2026-12-01',
      to: '2026-12-31',
    });
    // A Monday moved to Thursday by the holiday still reports on the week before that Monday.
    expect(nextOccurrence(weekly(1), '2026-10-06', working).period).toEqual({
      from: '2026-09-28',
      to: '2026-10-04',
    });
  });

  it('a closure over two named dates makes one meeting reporting on both periods', () => {
    // Closed 2027-02-08 … 2027-02-16 (a long Spring Festival): Mondays 8th and 15th both fall inside.
    const closed = (d: IsoDate) => working(d) && !(d >= '2027-02-08' && d <= '2027-02-16');
    const next = nextOccurrence(weekly(1), '2027-02-03', closed);
    expect(next).toEqual({ on: '2027-02-17', period: { from: '2027-02-01', to: '2027-02-14' } });
    // Asked again inside the closure: the same meeting; the one after picks up where it ends.
    expect(nextOccurrence(weekly(1), '2027-02-16', closed)).toEqual(next);
    expect(nextOccurrence(weekly(1), '2027-02-18', closed).period).toEqual({
      from: '2027-02-15',
      to: '2027-02-21',
    });
  });
});
