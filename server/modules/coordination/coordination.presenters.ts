import type { z } from 'zod';
import {
  COORDINATION_STATE_LABELS,
  type CoordinationState,
  LADDER_LABELS,
  type LadderLevel,
} from '../../../lib/coordination.ts';
import { commitmentActions, consultationActions } from './coordination.policy.ts';
import {
  type CommitmentRow,
  type ConsultationRow,
  type RequestRow,
  type requestDetail,
  warningFromDates,
  warningOf,
} from './coordination.read.ts';
import type {
  CommitmentSchema,
  ConsultationSchema,
  FileSchema,
  RequestDetailSchema,
  RequestSummarySchema,
} from './coordination.schemas.ts';
import { overdue } from './coordination.workflow.ts';

export const iso = (d: Date | null) => d?.toISOString() ?? null;
export const num = (n: number | null) => (n === null ? null : Number(n));
type Summary = Pick<
  RequestRow,
  | 'id'
  | 'number'
  | 'project_name'
  | 'applicant_name'
  | 'source'
  | 'state'
  | 'level'
  | 'urgent'
  | 'complexity'
  | 'warning_rank'
  | 'center_name'
  | 'created_at'
  | 'version'
>;

export const toSummary = (r: Summary): z.infer<typeof RequestSummarySchema> => ({
  id: Number(r.id),
  number: r.number,
  projectName: r.project_name,
  applicantName: r.applicant_name,
  source: r.source,
  state: r.state,
  stateLabel: COORDINATION_STATE_LABELS[r.state as CoordinationState],
  level: r.level,
  levelLabel: LADDER_LABELS[r.level as LadderLevel],
  urgent: r.urgent,
  complexity: r.complexity,
  warningLevel: warningOf(r.warning_rank),
  centerName: r.center_name,
  createdAt: r.created_at.toISOString(),
  version: r.version,
});

export function toCommitment(
  k: CommitmentRow,
  today: string,
  actions: ('urge' | 'done')[],
): z.infer<typeof CommitmentSchema> {
  return {
    id: Number(k.id),
    requestId: Number(k.request_id),
    requestNumber: k.request_number,
    projectName: k.project_name,
    consultationId: num(k.consultation_id),
    departmentId: Number(k.department_id),
    departmentName: k.department_name,
    content: k.content,
    dueDays: k.due_days,
    dueDate: k.due_date ?? k.due_on,
    status: k.status,
    warningLevel: warningFromDates(today, k.due_date, k.yellow_from, k.status === 'open'),
    urgedCount: k.urged_count,
    lastUrgedAt: iso(k.last_urged_at),
    doneAt: iso(k.done_at),
    doneNote: k.done_note,
    deadlineId: num(k.deadline_id),
    version: k.version,
    actions,
  };
}

type FileRow = {
  id: number;
  consultation_id: number | null;
  file_name: string;
  content_type: string;
  size: number;
};
export const toFile = (f: FileRow): z.infer<typeof FileSchema> => ({
  id: Number(f.id),
  consultationId: num(f.consultation_id),
  fileName: f.file_name,
  contentType: f.content_type,
  size: f.size,
});

export function toConsultation(
  c: ConsultationRow & { request_number?: string; project_name?: string; request_state?: string },
  today: string,
  ks: CommitmentRow[],
  files: FileRow[],
  actions: ('reply' | 'sign')[],
  commitmentActs: (k: CommitmentRow) => ('urge' | 'done')[],
): z.infer<typeof ConsultationSchema> {
  return {
    id: Number(c.id),
    requestId: Number(c.request_id),
    requestNumber: c.request_number,
    projectName: c.project_name,
    requestState: c.request_state,
    departmentId: Number(c.department_id),
    departmentName: c.department_name,
    questions: c.questions,
    replyBy: c.due_date ?? c.reply_by,
    warningLevel: warningFromDates(today, c.due_date, c.yellow_from, c.deadline_status === 'open'),
    status: c.status,
    overdue: overdue(c, today),
    late: c.late,
    stance: c.stance,
    opinion: c.opinion,
    legalBasis: c.legal_basis,
    conditions: c.conditions,
    draftedBy: c.drafted_by_name,
    draftedAt: iso(c.drafted_at),
    signedBy: c.signed_by_name,
    signedAt: iso(c.signed_at),
    documentId: num(c.document_id),
    deadlineId: num(c.deadline_id),
    commitments: ks
      .filter((k) => Number(k.consultation_id) === Number(c.id))
      .map((k) => toCommitment(k, today, commitmentActs(k))),
    files: files.filter((f) => Number(f.consultation_id) === Number(c.id)).map(toFile),
    version: c.version,
    actions,
  };
}

type Detail = Awaited<ReturnType<typeof requestDetail>>;
export const toDetail = (d: Detail): Omit<z.infer<typeof RequestDetailSchema>, 'meetings'> => {
  const r = d.row;
  const kActs = (k: CommitmentRow) => commitmentActions(d.principal, k);
  return {
    ...toSummary(r),
    regionCode: r.region_code,
    enterpriseId: num(r.enterprise_id),
    caseId: num(r.case_id),
    stageLeadName: r.stage_lead_name,
    projectCode: r.project_code,
    overview: r.overview,
    problem: r.problem,
    positions: (r.positions as { department: string; position: string }[]) ?? [],
    proposal: r.proposal,
    contactName: r.contact_name,
    contactPhone: r.contact_phone,
    returnedMissing: r.returned_missing,
    returnNote: r.return_note,
    outcome: r.outcome,
    outcomeReasons: r.outcome_reasons,
    overrideReason: r.override_reason,
    letterAddressee: r.letter_addressee,
    letterDocumentId: num(r.letter_document_id),
    resolution: r.resolution,
    closedAt: iso(r.closed_at),
    fullView: d.fullView,
    matters: d.matters.map((m) => ({
      seq: m.seq,
      title: m.title,
      complexity: m.complexity,
      departmentIds: m.department_ids.map(Number),
    })),
    consultations: d.cons.map((c) =>
      toConsultation(c, d.today, d.ks, d.files, consultationActions(d.principal, c, r.state), kActs),
    ),
    commitments: d.ks.map((k) => toCommitment(k, d.today, kActs(k))),
    files: d.files.filter((f) => f.consultation_id === null).map(toFile),
    analysis: d.analysis,
    ladder: d.steps.map((s) => ({
      id: Number(s.id),
      fromLevel: s.from_level,
      toLevel: s.to_level,
      toLevelLabel: LADDER_LABELS[s.to_level],
      toUnitName: s.to_unit_name,
      reason: s.reason,
      by: d.principal.kind === 'enterprise' ? null : s.escalated_by_name,
      at: s.at.toISOString(),
      limitDays: s.limit_days,
      dueDate: s.due_date,
      warningLevel: warningFromDates(d.today, s.due_date, s.yellow_from, s.deadline_status === 'open'),
      open: s.deadline_status === 'open',
    })),
    nextLevel: d.next,
    timeline: d.events.map((e) => ({
      id: Number(e.id),
      kind: e.kind,
      title: e.title,
      detail: e.detail,
      actorName: e.actor_name,
      unitName: e.unit_name,
      documentId: num(e.document_id),
      documentNumber: e.document_number,
      at: e.at.toISOString(),
    })),
    actions: d.actions,
  };
};
