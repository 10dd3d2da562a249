// Who may do what to a meeting (DOMAIN.md workflow 4), as pure functions of the principal and the
// meeting: the organiser (the center's coordinator, in its own region), the chair (who signs the
// minutes: the region's leader, or for a joint meeting whom the convener named), the joint-meeting
// system's convener, the invited units (which acknowledge the notice) and the units the issued
// minutes went to (which sign for them).
import {
  type MeetingEvent,
  type MeetingFacts,
  type MeetingKind,
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
  kind: MeetingKind;
  chair_user_id: number | null;
  convener_user_id: number | null;
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

/** The invitees and minutes receipts a meeting's parties are judged on. */
export interface MeetingUnits {
  invitees: readonly { unit_id: number; unit_region: string }[];
  receipts: readonly { unit_id: number; unit_region: string; received_at: Date | null }[];
}

export function meetingParties(p: Principal, row: MeetingPolicyRow, units: MeetingUnits): MeetingParty[] {
  if (p.kind !== 'staff') return [];
  const center = { id: Number(row.center_unit_id), regionCode: row.region_code };
  // The city sees its counties' meetings but organises and chairs only its own region's.
  const local = p.regionCode === row.region_code;
  const parties: MeetingParty[] = [];
  if (local && covers(p, 'meeting:manage', center)) parties.push('organiser');
  // A joint meeting is chaired by whom its convener named; other meetings by the region's leader.
  const chair =
    row.chair_user_id !== null
      ? Number(row.chair_user_id) === p.id
      : local && row.kind !== 'joint' && covers(p, 'meeting:approve', center);
  if (chair) parties.push('chair');
  if (row.kind === 'joint' && row.convener_user_id !== null && Number(row.convener_user_id) === p.id) {
    parties.push('convener');
  }
  if (attendsFor(p, units.invitees).length) parties.push('invitee');
  if (
    attendsFor(
      p,
      units.receipts.filter((r) => r.received_at === null),
    ).length
  )
    parties.push('recipient');
  return parties;
}

export function decideMeetingEvent(
  p: Principal,
  row: MeetingPolicyRow,
  facts: MeetingFacts & MeetingUnits,
  event: MeetingEvent,
): MeetingTransition {
  return meetingTransition(facts, event, meetingParties(p, row, facts));
}

export function meetingActions(
  p: Principal,
  row: MeetingPolicyRow,
  facts: MeetingFacts & MeetingUnits,
): MeetingEvent[] {
  return meetingEvents(facts, meetingParties(p, row, facts));
}

/** Materials go to the center and the invited units, not to a unit the minutes alone went to. */
export function seesMaterials(
  p: Principal,
  row: MeetingPolicyRow,
  invitees: readonly { unit_id: number; unit_region: string }[],
) {
  const center = { id: Number(row.center_unit_id), regionCode: row.region_code };
  return covers(p, 'meeting:read', center) || attendsFor(p, invitees).length > 0;
}
