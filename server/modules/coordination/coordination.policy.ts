// Who may do what to a coordination request (DOMAIN.md workflow 3), as pure functions of the
// principal and the request: the parties (submitter, coordinator, the handler at the request's
// level of the ladder, the leader), the stage lead department, and who replies to, signs,
// urges or completes what. The use cases ask it before they write; the detail asks it for buttons.
import {
  type CoordinationEvent,
  type CoordinationFacts,
  type CoordinationParty,
  type LadderLevel,
  transition,
} from '../../../lib/coordination.ts';
import { conflict, forbidden, type Verdict } from '../../../lib/verdict.ts';
import type { Permission } from '../../platform/access/permissions.ts';
import { type Principal, scopeCoversUnit, scopeFor } from '../../platform/access/scope.ts';

type Unit = { id: number; regionCode: string };

export const covers = (p: Principal, permission: Permission, unit: Unit) =>
  scopeCoversUnit(scopeFor(p, permission), unit);

/** What the policy reads of a request. */
export interface RequestPolicyRow {
  center_unit_id: number;
  region_code: string;
  enterprise_id: number | null;
  created_by: number | null;
  level: string;
  stage_lead_unit_id: number | null;
}

export const centerUnit = (r: Pick<RequestPolicyRow, 'center_unit_id' | 'region_code'>): Unit => ({
  id: Number(r.center_unit_id),
  regionCode: r.region_code,
});

export const deptUnit = (c: { department_id: number; department_region: string }): Unit => ({
  id: Number(c.department_id),
  regionCode: c.department_region,
});

/** The stage lead department acts through its lead (who signs for it), not through the center. */
export const actsAsStageLead = (p: Principal, unit: Unit) =>
  covers(p, 'consultation:sign', unit) && covers(p, 'coordination:escalate', unit);

export function partiesOf(p: Principal, row: RequestPolicyRow): CoordinationParty[] {
  if (p.kind === 'enterprise')
    return Number(row.enterprise_id) === p.id && row.created_by === null ? ['submitter'] : [];
  const parties: CoordinationParty[] = [];
  const center = centerUnit(row);
  if (row.created_by !== null && Number(row.created_by) === p.id) parties.push('submitter');
  // The city sees its counties' requests (两级联动) but acts only in its own region: a county's
  // letters carry the county center's number series and seal.
  const local = p.regionCode === row.region_code;
  if (local && covers(p, 'coordination:manage', center)) parties.push('coordinator');
  const level = row.level as LadderLevel;
  const handler =
    level === 'window'
      ? local && covers(p, 'case:intake', center) && covers(p, 'coordination:escalate', center)
      : level === 'stage_lead'
        ? row.stage_lead_unit_id !== null &&
          actsAsStageLead(p, { id: Number(row.stage_lead_unit_id), regionCode: row.region_code })
        : level === 'center'
          ? local && covers(p, 'coordination:manage', center)
          : false; // the leader instructs; nobody is above
  if (handler) parties.push('handler');
  if (level === 'leader' && local && covers(p, 'coordination:instruct', center)) parties.push('leader');
  return parties;
}

/** The verdict on one event: the machine, over the parties the principal acts as. */
export function decideRequestEvent(
  p: Principal,
  row: RequestPolicyRow,
  facts: CoordinationFacts,
  event: CoordinationEvent,
) {
  return transition(facts, event, partiesOf(p, row));
}

/** What the principal may do with a consultation now (the workbench's buttons). */
export function consultationActions(
  p: Principal,
  c: { status: string; department_id: number; department_region: string },
  requestState: string,
): ('reply' | 'sign')[] {
  if (p.kind !== 'staff' || c.status === 'answered' || requestState !== 'consulting') return [];
  const out: ('reply' | 'sign')[] = [];
  if (covers(p, 'consultation:reply', deptUnit(c))) out.push('reply');
  if (c.status === 'drafted' && covers(p, 'consultation:sign', deptUnit(c))) out.push('sign');
  return out;
}

/** Who urges a tracked commitment (the center), and who reports it done (its department or the center). */
export function commitmentActions(
  p: Principal,
  k: {
    department_id: number;
    department_region: string;
    center_unit_id: number;
    region_code: string;
    status: string;
  },
): ('urge' | 'done')[] {
  if (k.status !== 'open' || p.kind !== 'staff') return [];
  const out: ('urge' | 'done')[] = [];
  const center = centerUnit(k);
  if (covers(p, 'commitment:urge', center)) out.push('urge');
  if (covers(p, 'consultation:reply', deptUnit(k)) || covers(p, 'coordination:manage', center))
    out.push('done');
  return out;
}

/** A department's reply is drafted by its officers or liaison, and counts once its lead signs it. */
export function decideReply(
  p: Principal,
  c: { status: string; department_id: number; department_region: string; request_state: string },
  act: 'draft' | 'sign',
): Verdict<object> {
  const permission = act === 'draft' ? 'consultation:reply' : 'consultation:sign';
  if (!covers(p, permission, deptUnit(c))) {
    return forbidden(act === 'draft' ? '只有被征询部门可以答复。' : '答复须由被征询部门负责人签发。');
  }
  if (c.status === 'answered') {
    return conflict(
      act === 'draft' ? '该征询已答复并签发，不能重复答复。' : '该征询已答复并签发，不能重复签发。',
    );
  }
  if (act === 'sign' && c.status !== 'drafted') return conflict('答复尚未起草，不能签发。');
  if (c.request_state !== 'consulting') return conflict('协调事项已不在征询阶段，不再接收答复。');
  return { ok: true };
}
