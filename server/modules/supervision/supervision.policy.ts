// Who may do what to a tracked item (DOMAIN.md workflow 5): the owner unit (who may report for it)
// and the supervising side (the supervision office and the center of the item's own region).
import {
  type SupervisionEvent,
  type SupervisionFacts,
  type SupervisionParty,
  type SupervisionTransition,
  supervisionEvents,
  supervisionTransition,
} from '../../../lib/supervision.ts';
import { type Principal, scopeCoversUnit, scopeFor } from '../../platform/access/scope.ts';

export interface ItemPolicyRow {
  owner_unit_id: number;
  owner_region: string;
  region_code: string;
}

export function itemParties(p: Principal, row: ItemPolicyRow): SupervisionParty[] {
  if (p.kind !== 'staff') return [];
  const owner = { id: Number(row.owner_unit_id), regionCode: row.owner_region };
  const parties: SupervisionParty[] = [];
  if (scopeCoversUnit(scopeFor(p, 'supervision:report'), owner)) parties.push('owner');
  // The city sees its counties' items but supervises only its own region's.
  if (p.regionCode === row.region_code && scopeCoversUnit(scopeFor(p, 'supervision:manage'), owner)) {
    parties.push('supervisor');
  }
  return parties;
}

export function decideItemEvent(
  p: Principal,
  row: ItemPolicyRow,
  facts: SupervisionFacts,
  event: SupervisionEvent,
): SupervisionTransition {
  return supervisionTransition(facts, event, itemParties(p, row));
}

export function itemActions(p: Principal, row: ItemPolicyRow, facts: SupervisionFacts): SupervisionEvent[] {
  return supervisionEvents(facts, itemParties(p, row));
}
