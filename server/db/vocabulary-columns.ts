// Which lib/ vocabulary types each closed column (a CHECK … = ANY (ARRAY[…]) of the schema). The
// generated row types (types.ts) name these types; test/vocabularies.test.ts holds each CHECK list
// equal to the vocabulary's values.
import { CASE_STATE_LABELS } from '../../lib/case-machine.ts';
import { EXERCISE_LEVEL_LABELS } from '../../lib/catalog-codes.ts';
import {
  COMPLEXITY_LABELS,
  COORDINATION_STATE_LABELS,
  LADDER_LABELS,
  SOURCE_LABELS,
  STANCE_LABELS,
} from '../../lib/coordination.ts';
import {
  ATTENDANCE_LABELS,
  CADENCE_LABELS,
  MEETING_KIND_LABELS,
  MEETING_STATE_LABELS,
  PROPOSAL_STATE_LABELS,
} from '../../lib/meeting.ts';
import {
  EXTENSION_STATE_LABELS,
  REPORT_KIND_LABELS,
  SUPERVISION_SOURCE_LABELS,
  SUPERVISION_STATUS_LABELS,
  URGE_RULE_LABELS,
} from '../../lib/supervision.ts';
import * as V from '../../lib/vocabularies.ts';
import { WARNING_LABELS } from '../../lib/warning.ts';

interface Vocabulary {
  /** The TypeScript type lib/ exports for it. */
  type: string;
  /** The lib/ file that exports it, from the repository root. */
  from: string;
  labels: Readonly<Record<string, string>>;
}

const vocab = (type: string, from: string, labels: Readonly<Record<string, string>>): Vocabulary => ({
  type,
  from,
  labels,
});
const lib = (type: string, labels: Readonly<Record<string, string>>) =>
  vocab(type, 'lib/vocabularies.ts', labels);

const LADDER = vocab('LadderLevel', 'lib/coordination.ts', LADDER_LABELS);
const COMPLEXITY = vocab('Complexity', 'lib/coordination.ts', COMPLEXITY_LABELS);
const DAY_UNIT = lib('DayUnit', V.DAY_UNIT_LABELS);
const PUBLICATION = lib('PublicationStatus', V.PUBLICATION_STATUS_LABELS);

export const COLUMN_VOCABULARIES: Readonly<Record<string, Vocabulary>> = {
  'audit_event.actor_kind': lib('ActorKind', V.ACTOR_KIND_LABELS),
  'audit_event.outcome': lib('AuditOutcome', V.AUDIT_OUTCOME_LABELS),
  'bundle.status': PUBLICATION,
  'calendar_override.kind': lib('OverrideKind', V.OVERRIDE_KIND_LABELS),
  'case_material.status': lib('CaseMaterialStatus', V.CASE_MATERIAL_STATUS_LABELS),
  'case_special_procedure.kind_code': lib('SpecialProcedureCode', V.SPECIAL_PROCEDURE_CODE_LABELS),
  'case_step.action': lib('StepAction', V.STEP_ACTION_LABELS),
  'catalog_change_request.kind': lib('ChangeKind', V.CHANGE_KIND_LABELS),
  'catalog_change_request.status': lib('ChangeStatus', V.CHANGE_STATUS_LABELS),
  'consultation.stance': vocab('Stance', 'lib/coordination.ts', STANCE_LABELS),
  'consultation.status': lib('ConsultationStatus', V.CONSULTATION_STATUS_LABELS),
  'coordination_commitment.status': lib('CommitmentStatus', V.COMMITMENT_STATUS_LABELS),
  'coordination_escalation.from_level': LADDER,
  'coordination_escalation.to_level': LADDER,
  'coordination_matter.complexity': COMPLEXITY,
  'coordination_request.complexity': COMPLEXITY,
  'coordination_request.level': LADDER,
  'coordination_request.outcome': lib('Outcome', V.OUTCOME_LABELS),
  'coordination_request.source': vocab('CoordinationSource', 'lib/coordination.ts', SOURCE_LABELS),
  'coordination_request.state': vocab('CoordinationState', 'lib/coordination.ts', COORDINATION_STATE_LABELS),
  'deadline.day_unit': DAY_UNIT,
  'deadline.kind': lib('DeadlineKind', V.DEADLINE_KIND_LABELS),
  'deadline.status': lib('DeadlineStatus', V.DEADLINE_STATUS_LABELS),
  'escalation_step.level': LADDER,
  'item_material.medium': lib('MaterialMedium', V.MATERIAL_MEDIUM_LABELS),
  'job.status': lib('JobStatus', V.JOB_STATUS_LABELS),
  'meeting.kind': vocab('MeetingKind', 'lib/meeting.ts', MEETING_KIND_LABELS),
  'meeting.state': vocab('MeetingState', 'lib/meeting.ts', MEETING_STATE_LABELS),
  'meeting_invitee.attendance': vocab('Attendance', 'lib/meeting.ts', ATTENDANCE_LABELS),
  'meeting_schedule.cadence': vocab('Cadence', 'lib/meeting.ts', CADENCE_LABELS),
  'meeting_topic_proposal.state': vocab('ProposalState', 'lib/meeting.ts', PROPOSAL_STATE_LABELS),
  'supervision_item.source': vocab('SupervisionSource', 'lib/supervision.ts', SUPERVISION_SOURCE_LABELS),
  'supervision_item.status': vocab('SupervisionStatus', 'lib/supervision.ts', SUPERVISION_STATUS_LABELS),
  'supervision_report.kind': vocab('ReportKind', 'lib/supervision.ts', REPORT_KIND_LABELS),
  'supervision_urging.rule': vocab('UrgeRule', 'lib/supervision.ts', URGE_RULE_LABELS),
  'supervision_extension.state': vocab('ExtensionState', 'lib/supervision.ts', EXTENSION_STATE_LABELS),
  'supervision_urging.warning': vocab('WarningLevel', 'lib/warning.ts', WARNING_LABELS),
  'national_day.kind': lib('NationalDayKind', V.NATIONAL_DAY_KIND_LABELS),
  'notification_outbox.channel': lib('NotifyChannel', V.NOTIFY_CHANNEL_LABELS),
  'notification_outbox.status': lib('OutboxStatus', V.OUTBOX_STATUS_LABELS),
  'region.level': lib('RegionLevel', V.REGION_LEVEL_LABELS),
  'role_assignment.scope': lib('DataScope', V.DATA_SCOPE_LABELS),
  'seal.kind': lib('SealKind', V.SEAL_KIND_LABELS),
  'seal.provider': lib('SealProvider', V.SEAL_PROVIDER_LABELS),
  'seal.status': lib('SealStatus', V.SEAL_STATUS_LABELS),
  'service_case.applicant_id_type': lib('ApplicantIdType', V.APPLICANT_ID_TYPE_LABELS),
  'service_case.channel': lib('Channel', V.CHANNEL_LABELS),
  'service_case.delivery_method': lib('DeliveryMethod', V.DELIVERY_METHOD_LABELS),
  'service_case.state': vocab('CaseState', 'lib/case-machine.ts', CASE_STATE_LABELS),
  'service_item.status': PUBLICATION,
  'service_item_version.exercise_level': vocab(
    'ExerciseLevel',
    'lib/catalog-codes.ts',
    EXERCISE_LEVEL_LABELS,
  ),
  'service_item_version.kind': lib('ItemKind', V.ITEM_KIND_LABELS),
  'service_item_version.legal_unit': DAY_UNIT,
  'service_item_version.promised_unit': DAY_UNIT,
  'service_item_version.subject_nature': lib('SubjectNature', V.SUBJECT_NATURE_LABELS),
  'session.principal_kind': lib('PrincipalKind', V.PRINCIPAL_KIND_LABELS),
  'stored_material.source': lib('MaterialSource', V.MATERIAL_SOURCE_LABELS),
  'stored_material.trust_grade': lib('TrustGrade', V.TRUST_GRADE_LABELS),
  'unit.kind': lib('UnitKind', V.UNIT_KIND_LABELS),
};
