// Presenters: case rows as the API's objects (cases.schemas.ts), in one place.
import type { z } from 'zod';
import { CASE_STATE_LABELS, type CaseState } from '../../../lib/case-machine.ts';
import type { bundleCase, caseDetail, cases } from './cases.read.ts';
import type { CaseDetailSchema, CaseSummarySchema, StoredMaterialSchema } from './cases.schemas.ts';
import type { materialOffers } from './upload-material.ts';

type Summary = Awaited<ReturnType<typeof cases>>['rows'][number];
const iso = (d: Date | null) => d?.toISOString() ?? null;
const num = (n: number | null) => (n === null ? null : Number(n));

export const toSummary = (r: Summary): z.infer<typeof CaseSummarySchema> => ({
  id: Number(r.id),
  number: r.number,
  itemName: r.item_name,
  departmentId: Number(r.department_id),
  departmentName: r.department_name,
  applicantName: r.applicant_name,
  projectName: r.project_name,
  channel: r.channel,
  state: r.state,
  stateLabel: CASE_STATE_LABELS[r.state as CaseState],
  submittedAt: r.submitted_at.toISOString(),
  acceptanceNumber: r.acceptance_number,
  deadlineId: num(r.deadline_id),
  dueDate: r.deadline_status === 'open' ? r.due_date : r.promised_due,
  warningLevel: r.warning_level,
  reviewLevel: r.review_level,
  approvalLevels: r.approval_levels,
  suspended: r.suspended,
  bundleCaseId: num(r.bundle_case_id),
  version: r.version,
  commitmentDue: 'commitment_due' in r ? (r.commitment_due as string | null) : null,
});

type Detail = Awaited<ReturnType<typeof caseDetail>>;
export const toDetail = (d: Detail): z.infer<typeof CaseDetailSchema> => ({
  ...toSummary(d.row),
  regionCode: d.row.region_code,
  itemId: Number(d.row.item_id),
  itemVersionId: Number(d.row.item_version_id),
  itemKind: d.row.item_kind,
  suspensionKinds: d.row.suspension_kinds,
  enterpriseId: num(d.row.enterprise_id),
  applicantIdType: d.row.applicant_id_type,
  applicantIdNumber: d.row.applicant_id_number,
  contactName: d.row.contact_name,
  contactPhone: d.row.contact_phone,
  projectCode: d.row.project_code,
  agent: d.row.agent_id === null ? null : { id: Number(d.row.agent_id), name: d.row.agent_name ?? '' },
  form: (d.row.form ?? {}) as Record<string, unknown>,
  acceptedAt: iso(d.row.accepted_at),
  decisionReason: d.row.decision_reason,
  decidedAt: iso(d.row.decided_at),
  resultName: d.row.result_name,
  resultNumber: d.row.result_number,
  deliveryMethod: d.row.delivery_method,
  deliveredAt: iso(d.row.delivered_at),
  archivedAt: iso(d.row.archived_at),
  materials: d.materials.map((m) => ({
    id: Number(m.id),
    materialId: Number(m.material_id),
    name: m.name,
    sharedKey: m.shared_key,
    required: m.required,
    tolerable: m.tolerable,
    requirement: m.requirement,
    status: m.status,
    storedMaterialId: num(m.stored_material_id),
    fileName: m.file_name,
    trustGrade: m.trust_grade,
    committedDate: m.committed_date,
    fulfilledAt: iso(m.fulfilled_at),
    breachedAt: iso(m.breached_at),
  })),
  steps: d.steps.map((s) => ({
    id: Number(s.id),
    name: s.name,
    event: s.event,
    action: s.action,
    fromState: s.from_state,
    toState: s.to_state,
    level: s.level,
    opinion: s.opinion,
    actorName: s.actor_name,
    unitName: s.unit_name,
    at: s.at.toISOString(),
  })),
  specialProcedures: d.specialProcedures.map((p) => ({
    id: Number(p.id),
    kind: p.kind,
    kindCode: p.kind_code,
    reason: p.reason,
    requester: p.requester,
    startedOn: p.started_on,
    endedOn: p.ended_on,
    result: p.result,
    opinion: p.opinion,
  })),
  documents: d.documents.map((x) => ({
    id: Number(x.id),
    kind: x.kind,
    title: x.title,
    number: x.number,
    version: x.version,
    issuedOn: x.issued_on,
  })),
  actions: d.actions,
});

type Stored = Awaited<ReturnType<typeof materialOffers>>[number];
export const toStored = (s: Stored): z.infer<typeof StoredMaterialSchema> => ({
  id: Number(s.id),
  sharedKey: s.shared_key,
  name: s.name,
  fileName: s.file_name,
  contentType: s.content_type,
  size: s.size,
  trustGrade: s.trust_grade,
  source: s.source,
  createdAt: s.created_at.toISOString(),
});

export const toBundleCase = (b: Awaited<ReturnType<typeof bundleCase>>) => ({
  id: Number(b.bundleCase.id),
  number: b.bundleCase.number,
  bundleId: Number(b.bundleCase.bundle_id),
  applicantName: b.bundleCase.applicant_name,
  deliveredAt: iso(b.bundleCase.delivered_at),
  state: b.slowest.state,
  stateLabel: CASE_STATE_LABELS[b.slowest.state as CaseState],
  cases: b.cases.map(toSummary),
});
