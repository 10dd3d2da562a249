import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CASE_STATES } from '../lib/case-machine.ts';
import { EXERCISE_LEVELS } from '../lib/catalog-codes.ts';
import {
  COMPLEXITIES,
  COORDINATION_SOURCES,
  COORDINATION_STATES,
  LADDER_LEVELS,
  STANCES,
} from '../lib/coordination.ts';
import * as V from '../lib/vocabularies.ts';
import { ROOT } from './process.ts';

// Every closed list the database enforces (a CHECK … = ANY (ARRAY[…]) in the migrated schema,
// server/db/schema.sql, itself tested equal to the migrations) is one vocabulary of lib/, and the
// two hold the same values. A new CHECK list without its vocabulary fails here.
const v = <K extends string>(labels: Readonly<Record<K, string>>) => V.valuesOf(labels);
const COLUMNS: Record<string, readonly string[]> = {
  'audit_event.actor_kind': v(V.ACTOR_KIND_LABELS),
  'audit_event.outcome': v(V.AUDIT_OUTCOME_LABELS),
  'bundle.status': v(V.PUBLICATION_STATUS_LABELS),
  'calendar_override.kind': v(V.OVERRIDE_KIND_LABELS),
  'case_material.status': v(V.CASE_MATERIAL_STATUS_LABELS),
  'case_special_procedure.kind_code': v(V.SPECIAL_PROCEDURE_CODE_LABELS),
  'case_step.action': v(V.STEP_ACTION_LABELS),
  'catalog_change_request.kind': v(V.CHANGE_KIND_LABELS),
  'catalog_change_request.status': v(V.CHANGE_STATUS_LABELS),
  'consultation.stance': STANCES,
  'consultation.status': v(V.CONSULTATION_STATUS_LABELS),
  'coordination_commitment.status': v(V.COMMITMENT_STATUS_LABELS),
  'coordination_escalation.from_level': LADDER_LEVELS,
  'coordination_escalation.to_level': LADDER_LEVELS,
  'coordination_matter.complexity': COMPLEXITIES,
  'coordination_request.complexity': COMPLEXITIES,
  'coordination_request.level': LADDER_LEVELS,
  'coordination_request.outcome': v(V.OUTCOME_LABELS),
  'coordination_request.source': COORDINATION_SOURCES,
  'coordination_request.state': COORDINATION_STATES,
  'deadline.day_unit': v(V.DAY_UNIT_LABELS),
  'deadline.kind': v(V.DEADLINE_KIND_LABELS),
  'deadline.status': v(V.DEADLINE_STATUS_LABELS),
  'escalation_step.level': LADDER_LEVELS,
  'item_material.medium': v(V.MATERIAL_MEDIUM_LABELS),
  'job.status': v(V.JOB_STATUS_LABELS),
  'national_day.kind': v(V.NATIONAL_DAY_KIND_LABELS),
  'notification_outbox.channel': v(V.NOTIFY_CHANNEL_LABELS),
  'notification_outbox.status': v(V.OUTBOX_STATUS_LABELS),
  'region.level': v(V.REGION_LEVEL_LABELS),
  'role_assignment.scope': v(V.DATA_SCOPE_LABELS),
  'seal.kind': v(V.SEAL_KIND_LABELS),
  'seal.provider': v(V.SEAL_PROVIDER_LABELS),
  'seal.status': v(V.SEAL_STATUS_LABELS),
  'service_case.applicant_id_type': v(V.APPLICANT_ID_TYPE_LABELS),
  'service_case.channel': v(V.CHANNEL_LABELS),
  'service_case.delivery_method': v(V.DELIVERY_METHOD_LABELS),
  'service_case.state': CASE_STATES,
  'service_item.status': v(V.PUBLICATION_STATUS_LABELS),
  'service_item_version.exercise_level': EXERCISE_LEVELS,
  'service_item_version.kind': v(V.ITEM_KIND_LABELS),
  'service_item_version.legal_unit': v(V.DAY_UNIT_LABELS),
  'service_item_version.promised_unit': v(V.DAY_UNIT_LABELS),
  'service_item_version.subject_nature': v(V.SUBJECT_NATURE_LABELS),
  'session.principal_kind': v(V.PRINCIPAL_KIND_LABELS),
  'stored_material.source': v(V.MATERIAL_SOURCE_LABELS),
  'stored_material.trust_grade': v(V.TRUST_GRADE_LABELS),
  'unit.kind': V.UNIT_KINDS,
};

/** table.column → the values of its CHECK list, read from the schema snapshot. */
function checkLists(): Map<string, string[]> {
  const schema = fs.readFileSync(path.join(ROOT, 'server/db/schema.sql'), 'utf8');
  const out = new Map<string, string[]>();
  let table = '';
  for (const line of schema.split('\n')) {
    const t = /^create table (?:public\.)?(\w+)/i.exec(line);
    if (t) table = t[1]!;
    const c = /CHECK \(\(\(?(\w+)\)? = ANY \(ARRAY\[(.*?)\]\)\)\)/.exec(line);
    if (c)
      out.set(
        `${table}.${c[1]}`,
        [...c[2]!.matchAll(/'([^']*)'::text/g)].map((m) => m[1]!),
      );
  }
  return out;
}

describe('vocabularies', () => {
  const lists = checkLists();

  it('finds the CHECK lists of the schema', () => {
    expect(lists.size).toBeGreaterThan(40);
  });

  it.each([...lists.keys()].sort())('%s equals its lib vocabulary', (column) => {
    expect(COLUMNS[column], `${column} has no vocabulary in lib/`).toBeDefined();
    expect([...lists.get(column)!].sort()).toEqual([...COLUMNS[column]!].sort());
  });

  it('every vocabulary named here still has its CHECK list', () => {
    expect(Object.keys(COLUMNS).filter((c) => !lists.has(c))).toEqual([]);
  });
});
