// Who may do what to a meeting (DOMAIN.md workflow 4), as pure functions of the principal and the
// meeting: the organiser (the center's coordinator, in its own region), the chair (who signs the
// minutes: the region's leader) and the invited units (which acknowledge the notice).
import {
  type MeetingEvent,
  type MeetingFacts,
  type MeetingParty,
  type MeetingTransition,
  meetingEvents,
  meetingTransition,
} from '../../../lib/meeting.ts';
import type { Permission } from '../../platform/access/permissions.ts';
import { type Principal, scopeCoversUnit, scopeFor } from '../../platform/access/scope.ts';

export interface MeetingPolicyRow {
  center_unit_id: number;
  region_code: string;
}

type Unit = { id: number; regionCode: string };

const covers = (p: Principal, permission: Permission, unit: Unit) =>
  scopeCoversUnit(scopeFor(p, permission), unit);

/** The invited units the principal acknowledges for (its own units, with meeting:attend). */
export function attendsFor<I extends { unit_id: number; unit_region: string }>(
  p: Principal,
  invitees: readonly I[],
) {
  return invitees.filter((i) =>
    covers(p, 'meeting:attend', { id: Number(i.unit_id), regionCode: i.unit_region }),
  );
}

export function meetingParties(
  p: Principal,
  row: MeetingPolicyRow,
  invitees: readonly { unit_id: number; unit_region: string }[],
): MeetingParty[] {
  if (p.kind !== 'staff') return [];
  const center = { id: Number(row.center_unit_id), regionCode: row.region_code };
  // The city sees its counties' meetings but organises and chairs only its own region's.
  const local = p.regionCode === row.region_code;
  const parties: MeetingParty[] = [];
  if (local && covers(p, 'meeting:manage', center)) parties.push('organiser');
  if (local && covers(p, 'meeting:approve', center)) parties.push('chair');
  if (attendsFor(p, invitees).length) parties.push('invitee');
  return parties;
}

export function decideMeetingEvent(
  p: Principal,
  row: MeetingPolicyRow,
  invitees: readonly { unit_id: number; unit_region: string }[],
  facts: MeetingFacts,
  event: MeetingEvent,
): MeetingTransition {
  return meetingTransition(facts, event, meetingParties(p, row, invitees));
}

export function meetingActions(
  p: Principal,
  row: MeetingPolicyRow,
  invitees: readonly { unit_id: number; unit_region: string }[],
  facts: MeetingFacts,
): MeetingEvent[] {
  return meetingEvents(facts, meetingParties(p, row, invitees));
}
