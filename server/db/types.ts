// Generated from the migrated schema by `npm run gen:db-types` (server/db/types-gen.ts): do not
// edit; add a migration and regenerate. A test fails when this file and the schema differ.
import type { ColumnType, Generated } from 'kysely';
import type { CaseState } from '../../lib/case-machine.ts';
import type { ExerciseLevel } from '../../lib/catalog-codes.ts';
import type { Complexity, CoordinationSource, CoordinationState, LadderLevel, Stance } from '../../lib/coordination.ts';
import type { Attendance, Cadence, MeetingKind, MeetingState, ProposalState } from '../../lib/meeting.ts';
import type { ExtensionState, ReportKind, SupervisionSource, SupervisionStatus, UrgeRule } from '../../lib/supervision.ts';
import type { ActorKind, ApplicantIdType, AuditOutcome, CaseMaterialStatus, ChangeKind, ChangeStatus, Channel, CommitmentStatus, ConsultationStatus, DataScope, DayUnit, DeadlineKind, DeadlineStatus, DeliveryMethod, ItemKind, JobStatus, MaterialMedium, MaterialSource, NationalDayKind, NotifyChannel, OutboxStatus, Outcome, OverrideKind, PrincipalKind, PublicationStatus, RegionLevel, SealKind, SealProvider, SealStatus, SpecialProcedureCode, StepAction, SubjectNature, TrustGrade, UnitKind } from '../../lib/vocabularies.ts';
import type { WarningLevel } from '../../lib/warning.ts';

type Defaulted<T> = ColumnType<T, T | undefined, T>;

export type { ActorKind, ApplicantIdType, Attendance, AuditOutcome, Cadence, CaseMaterialStatus, CaseState, ChangeKind, ChangeStatus, Channel, CommitmentStatus, Complexity, ConsultationStatus, CoordinationSource, CoordinationState, DataScope, DayUnit, DeadlineKind, DeadlineStatus, DeliveryMethod, ExerciseLevel, ExtensionState, ItemKind, JobStatus, LadderLevel, MaterialMedium, MaterialSource, MeetingKind, MeetingState, NationalDayKind, NotifyChannel, OutboxStatus, Outcome, OverrideKind, PrincipalKind, ProposalState, PublicationStatus, RegionLevel, ReportKind, SealKind, SealProvider, SealStatus, SpecialProcedureCode, Stance, StepAction, SubjectNature, SupervisionSource, SupervisionStatus, TrustGrade, UnitKind, UrgeRule, WarningLevel };

export interface AppUserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  unit_id: number;
  password_hash: string;
  must_change_password: Defaulted<boolean>;
  password_changed_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  enabled: Defaulted<boolean>;
  version: Defaulted<number>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  totp_secret_enc: string | null;
  totp_enabled_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  totp_last_step: number | null;
}

export interface AuditEventTable {
  id: Generated<number>;
  at: ColumnType<Date, Date | string | undefined, Date | string>;
  actor_kind: ActorKind;
  actor_id: number | null;
  actor_name: string | null;
  unit_id: number | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: AuditOutcome;
  summary: ColumnType<unknown, string | undefined, string>;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  chain_seq: number | null;
  prev_hash: string | null;
  hash: string | null;
}

export interface BlobTable {
  hash: string;
  content_type: string;
  size: number;
  content: Buffer;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface BundleTable {
  id: Generated<number>;
  region_code: string;
  name: string;
  description: string | null;
  lead_department_id: number;
  form: ColumnType<unknown, string | undefined, string>;
  status: Defaulted<PublicationStatus>;
  version: Defaulted<number>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface BundleCaseTable {
  id: Generated<number>;
  number: string;
  bundle_id: number;
  region_code: string;
  lead_department_id: number;
  enterprise_id: number | null;
  applicant_name: string;
  form: ColumnType<unknown, string | undefined, string>;
  delivered_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface BundleItemTable {
  bundle_id: number;
  item_id: number;
  seq: number;
}

export interface CalendarOverrideTable {
  region_code: string;
  date: string;
  kind: OverrideKind;
  reason: string;
  created_by: number | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface CalendarStateTable {
  id: number;
  revision: number;
}

export interface CalendarYearTable {
  year: number;
  sources: ColumnType<unknown, string | undefined, string>;
  loaded_at: ColumnType<Date, Date | string | undefined, Date | string>;
  loaded_by: number | null;
}

export interface CaseCounterTable {
  region_code: string;
  day: string;
  last_number: number;
}

export interface CaseMaterialTable {
  id: Generated<number>;
  case_id: number;
  material_id: number;
  status: CaseMaterialStatus;
  stored_material_id: number | null;
  committed_date: string | null;
  commitment_text: string | null;
  commitment_signed_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  fulfilled_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  reminded_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  breached_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
}

export interface CaseSpecialProcedureTable {
  id: Generated<number>;
  case_id: number;
  kind: string;
  kind_code: SpecialProcedureCode;
  reason: string;
  requester: string;
  started_on: string;
  ended_on: string | null;
  result: string | null;
  opinion: string | null;
  unit_id: number;
  handler_user_id: number | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface CaseStepTable {
  id: Generated<number>;
  case_id: number;
  name: string;
  event: string;
  action: StepAction;
  from_state: string | null;
  to_state: string;
  level: number | null;
  actor_user_id: number | null;
  actor_enterprise_id: number | null;
  unit_id: number | null;
  opinion: string | null;
  at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface CatalogChangeRequestTable {
  id: Generated<number>;
  region_code: string;
  department_id: number;
  kind: ChangeKind;
  item_id: number | null;
  base_version_id: number | null;
  payload: ColumnType<unknown | null, string | null, string | null>;
  reason: string;
  status: Defaulted<ChangeStatus>;
  drafted_by: number | null;
  decided_by: number | null;
  decided_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  decision_note: string | null;
  version: Defaulted<number>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ConsultationTable {
  id: Generated<number>;
  request_id: number;
  department_id: number;
  questions: string[];
  reply_by: string;
  deadline_id: number | null;
  document_id: number | null;
  status: Defaulted<ConsultationStatus>;
  overdue_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  stance: Stance | null;
  opinion: string | null;
  legal_basis: string | null;
  conditions: string | null;
  drafted_by: number | null;
  drafted_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  signed_by: number | null;
  signed_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  late: Defaulted<boolean>;
  version: Defaulted<number>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface CoordinationCommitmentTable {
  id: Generated<number>;
  request_id: number;
  consultation_id: number | null;
  department_id: number;
  content: string;
  due_days: number | null;
  due_on: string | null;
  status: Defaulted<CommitmentStatus>;
  deadline_id: number | null;
  urged_count: Defaulted<number>;
  last_urged_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  done_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  done_note: string | null;
  version: Defaulted<number>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  meeting_decision_id: number | null;
}

export interface CoordinationCounterTable {
  region_code: string;
  year: number;
  last_number: number;
}

export interface CoordinationEscalationTable {
  id: Generated<number>;
  request_id: number;
  from_level: LadderLevel | null;
  to_level: LadderLevel;
  to_unit_id: number;
  reason: string;
  escalated_by: number | null;
  deadline_id: number | null;
  at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface CoordinationEventTable {
  id: Generated<number>;
  request_id: number;
  kind: string;
  title: string;
  detail: Defaulted<string>;
  public: Defaulted<boolean>;
  actor_name: string | null;
  unit_name: string | null;
  document_id: number | null;
  at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface CoordinationFileTable {
  id: Generated<number>;
  request_id: number | null;
  consultation_id: number | null;
  file_name: string;
  blob_hash: string;
  content_type: string;
  size: number;
  uploaded_by: number | null;
  uploaded_by_enterprise: number | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface CoordinationMatterTable {
  id: Generated<number>;
  request_id: number;
  seq: number;
  title: string;
  complexity: Complexity;
  department_ids: number[];
}

export interface CoordinationRequestTable {
  id: Generated<number>;
  number: string;
  region_code: string;
  center_unit_id: number;
  source: CoordinationSource;
  source_unit_id: number | null;
  enterprise_id: number | null;
  case_id: number | null;
  stage_lead_unit_id: number | null;
  applicant_name: string;
  project_name: string;
  project_code: string | null;
  overview: Defaulted<string>;
  problem: Defaulted<string>;
  positions: ColumnType<unknown, string | undefined, string>;
  proposal: Defaulted<string>;
  contact_name: Defaulted<string>;
  contact_phone: Defaulted<string>;
  urgent: Defaulted<boolean>;
  complexity: Complexity | null;
  state: CoordinationState;
  level: LadderLevel;
  returned_missing: Defaulted<string[]>;
  return_note: string | null;
  outcome: Outcome | null;
  outcome_reasons: Defaulted<string[]>;
  override_reason: string | null;
  letter_addressee: string | null;
  letter_document_id: number | null;
  resolution: string | null;
  search: Defaulted<string>;
  search_text: Defaulted<string>;
  created_by: number | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  closed_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  version: Defaulted<number>;
}

export interface DeadlineTable {
  id: Generated<number>;
  subject_type: string;
  subject_id: string;
  kind: DeadlineKind;
  title: string;
  region_code: string;
  unit_id: number;
  owner_user_id: number | null;
  start_date: string;
  limit_days: number;
  yellow_override: number | null;
  status: Defaulted<DeadlineStatus>;
  due_date: string | null;
  yellow_from: string | null;
  provisional: Defaulted<boolean>;
  calendar_revision: number;
  done_on: string | null;
  version: Defaulted<number>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  day_unit: Defaulted<DayUnit>;
}

export interface DeadlineChangeTable {
  id: Generated<number>;
  deadline_id: number;
  at: ColumnType<Date, Date | string | undefined, Date | string>;
  old_due: string | null;
  new_due: string | null;
  old_provisional: boolean;
  new_provisional: boolean;
  reason: string;
  calendar_revision: number;
}

export interface DeadlineExtensionTable {
  id: Generated<number>;
  deadline_id: number;
  days: number;
  reason: string;
  created_by: number | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface DeadlineSuspensionTable {
  id: Generated<number>;
  deadline_id: number;
  kind: string;
  from_date: string;
  to_date: string | null;
  reason: string;
  created_by: number | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface DocumentTable {
  id: Generated<number>;
  subject_type: string;
  subject_id: string;
  kind: string;
  version: Defaulted<number>;
  issuer_unit_id: number;
  number: string | null;
  number_year: number | null;
  number_seq: number | null;
  title: string;
  issued_on: string;
  pdf_hash: string;
  docx_hash: string | null;
  seal_id: number | null;
  signature: string | null;
  signed_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  created_by: number | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface DocumentCounterTable {
  issuer_unit_id: number;
  kind: string;
  year: number;
  last_number: number;
}

export interface DocumentTemplateTable {
  region_code: string;
  kind: string;
  issuer_mark: string | null;
  signature_name: string | null;
  number_series: string | null;
  closing: string | null;
  version: Defaulted<number>;
  updated_by: number | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  wording: ColumnType<unknown, string | undefined, string>;
}

export interface EnterpriseTable {
  id: Generated<number>;
  uscc: string;
  name: string;
  legal_representative: string;
  region_code: string;
  username: string;
  password_hash: string;
  must_change_password: Defaulted<boolean>;
  password_changed_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  enabled: Defaulted<boolean>;
  version: Defaulted<number>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface EscalationStepTable {
  region_code: string;
  level: LadderLevel;
  limit_days: number;
  required: string[];
  version: Defaulted<number>;
  updated_by: number | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ExchangeBatchTable {
  id: Generated<number>;
  region_code: string;
  seq: number;
  after_step_id: number;
  to_step_id: number;
  records: number;
  file_hash: string;
  created_by: number | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  sent_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  receipt: string | null;
  send_attempts: Defaulted<number>;
  last_error: string | null;
}

export interface IdempotencyKeyTable {
  actor: string;
  key: string;
  method: string;
  path: string;
  request_hash: string;
  status_code: number | null;
  response_body: string | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ItemAuthorizationTable {
  id: Generated<number>;
  item_id: number;
  department_id: number;
  grantee_user_id: number;
  note: string | null;
  granted_by: number | null;
  granted_at: ColumnType<Date, Date | string | undefined, Date | string>;
  revoked_by: number | null;
  revoked_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
}

export interface ItemMaterialTable {
  id: Generated<number>;
  version_id: number;
  seq: number;
  name: string;
  shared_key: string;
  required: boolean;
  tolerable: Defaulted<boolean>;
  tolerable_basis: string | null;
  medium: MaterialMedium;
  licence_type: string | null;
  originals: Defaulted<number>;
  copies: Defaulted<number>;
  form_template_hash: string | null;
  requirement: string | null;
}

export interface JobTable {
  id: Generated<number>;
  kind: string;
  payload: ColumnType<unknown, string | undefined, string>;
  run_at: ColumnType<Date, Date | string | undefined, Date | string>;
  status: Defaulted<JobStatus>;
  attempts: Defaulted<number>;
  max_attempts: Defaulted<number>;
  dedupe_key: string | null;
  locked_by: string | null;
  locked_until: ColumnType<Date | null, Date | string | null, Date | string | null>;
  last_error: string | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  finished_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
}

export interface JointMeetingSystemTable {
  region_code: string;
  name: string;
  convener_user_id: number;
  deputy_user_ids: Defaulted<number[]>;
  office_unit_id: number;
  member_unit_ids: number[];
  working_groups: ColumnType<unknown, string | undefined, string>;
  version: Defaulted<number>;
  updated_by: number;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface LoginThrottleTable {
  key: string;
  failures: Defaulted<number>;
  window_start: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface MeetingTable {
  id: Generated<number>;
  region_code: string;
  center_unit_id: number;
  kind: MeetingKind;
  state: Defaulted<MeetingState>;
  title: string;
  starts_at: ColumnType<Date, Date | string, Date | string>;
  place: string;
  chair: string;
  urgent: Defaulted<boolean>;
  request_id: number | null;
  notice_days: Defaulted<number>;
  notice_document_id: number | null;
  minutes_summary: Defaulted<string>;
  minutes_approved_by: number | null;
  minutes_approved_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  minutes_document_id: number | null;
  cancel_reason: string | null;
  search: string | null;
  search_text: Defaulted<string>;
  created_by: number;
  version: Defaulted<number>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  schedule_id: number | null;
  schedule_on: string | null;
  figures: ColumnType<unknown | null, string | null, string | null>;
  chair_user_id: number | null;
  agenda_approved_by: number | null;
  agenda_approved_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  correction_reason: string | null;
}

export interface MeetingDecisionTable {
  id: Generated<number>;
  meeting_id: number;
  seq: number;
  topic_id: number | null;
  request_id: number | null;
  content: string;
  owner_unit_id: number;
  co_owner_unit_ids: Defaulted<number[]>;
  due_days: number | null;
  due_on: string | null;
}

export interface MeetingInviteeTable {
  id: Generated<number>;
  meeting_id: number;
  unit_id: number;
  acknowledged_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  acknowledged_by: number | null;
  attendee: string | null;
  substitute: Defaulted<boolean>;
  reminded_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  attendance: Attendance | null;
  absence_reason: string | null;
}

export interface MeetingMaterialTable {
  id: Generated<number>;
  meeting_id: number;
  file_name: string;
  blob_hash: string;
  content_type: string;
  size: number;
  uploaded_by: number;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface MeetingMinutesReceiptTable {
  id: Generated<number>;
  meeting_id: number;
  document_id: number;
  unit_id: number;
  received_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  received_by: number | null;
  reminded_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
}

export interface MeetingScheduleTable {
  id: Generated<number>;
  region_code: string;
  center_unit_id: number;
  title: string;
  cadence: Cadence;
  day: number;
  start_time: string;
  place: string;
  chair: string;
  invitee_unit_ids: number[];
  notice_days: Defaulted<number>;
  lead_days: Defaulted<number>;
  enabled: Defaulted<boolean>;
  created_by: number;
  version: Defaulted<number>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface MeetingTopicTable {
  id: Generated<number>;
  meeting_id: number;
  seq: number;
  title: string;
  request_id: number | null;
  discussion: Defaulted<string>;
}

export interface MeetingTopicProposalTable {
  id: Generated<number>;
  meeting_id: number;
  unit_id: number;
  title: string;
  reason: Defaulted<string>;
  state: Defaulted<ProposalState>;
  proposed_by: number;
  proposed_at: ColumnType<Date, Date | string | undefined, Date | string>;
  decided_by: number | null;
  decided_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  decline_reason: string | null;
}

export interface NationalDayTable {
  date: string;
  kind: NationalDayKind;
  name: string;
}

export interface NotificationTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  title: string;
  body: Defaulted<string>;
  link: string | null;
  dedupe_key: string | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  read_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
}

export interface NotificationOutboxTable {
  id: Generated<number>;
  notification_id: number;
  channel: NotifyChannel;
  status: Defaulted<OutboxStatus>;
  attempts: Defaulted<number>;
  last_error: string | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  sent_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
}

export interface OidcLoginTable {
  state: string;
  nonce: string;
  code_verifier: string;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface RegionTable {
  code: string;
  name: string;
  parent_code: string | null;
  level: RegionLevel;
  time_zone: Defaulted<string>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface RoleAssignmentTable {
  id: Generated<number>;
  user_id: number;
  role: string;
  scope: DataScope;
  scope_unit_ids: Defaulted<number[]>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface RolePolicyTable {
  role: string;
  totp_required: Defaulted<boolean>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface SchemaMigrationTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface SealTable {
  id: Generated<number>;
  unit_id: number;
  kind: SealKind;
  name: string;
  provider: Defaulted<SealProvider>;
  public_key: string;
  private_key_enc: string | null;
  status: Defaulted<SealStatus>;
  valid_from: string;
  valid_to: string;
  replaced_by: number | null;
  created_by: number | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  image_hash: string | null;
}

export interface ServiceCaseTable {
  id: Generated<number>;
  number: string;
  region_code: string;
  item_id: number;
  item_version_id: number;
  department_id: number;
  bundle_case_id: number | null;
  enterprise_id: number | null;
  channel: Channel;
  state: CaseState;
  applicant_name: string;
  applicant_id_type: ApplicantIdType;
  applicant_id_number: string;
  contact_name: string;
  contact_phone: string;
  project_code: string | null;
  project_name: string | null;
  form: ColumnType<unknown, string | undefined, string>;
  submitted_at: ColumnType<Date, Date | string | undefined, Date | string>;
  intake_by: number | null;
  accepted_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  acceptance_number: string | null;
  deadline_id: number | null;
  promised_due: string | null;
  review_level: Defaulted<number>;
  suspended: Defaulted<boolean>;
  decision_reason: string | null;
  decided_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  decided_by: number | null;
  result_name: string | null;
  result_number: string | null;
  result_valid_to: string | null;
  delivery_method: DeliveryMethod | null;
  delivered_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  archived_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  search_text: Defaulted<string>;
  search: Defaulted<string>;
  version: Defaulted<number>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  yellow_from: string | null;
  extended_days: Defaulted<number>;
  agent_id: number | null;
}

export interface ServiceItemTable {
  id: Generated<number>;
  region_code: string;
  department_id: number;
  current_version_id: number | null;
  status: Defaulted<PublicationStatus>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ServiceItemVersionTable {
  id: Generated<number>;
  item_id: number;
  version_no: number;
  name: string;
  basic_code: string;
  implementation_code: string;
  handle_item_code: string | null;
  local_code: string | null;
  item_type: string;
  exercise_level: ExerciseLevel;
  subject_nature: SubjectNature;
  service_objects: string[];
  handling_forms: string[];
  kind: ItemKind;
  legal_days: number;
  legal_unit: DayUnit;
  legal_explain: string | null;
  promised_days: number;
  promised_unit: DayUnit;
  promised_explain: string | null;
  legal_basis: string;
  acceptance_conditions: string | null;
  special_procedure: string;
  suspension_kinds: Defaulted<string[]>;
  charged: Defaulted<boolean>;
  fee_basis: string | null;
  online: Defaulted<boolean>;
  online_url: string | null;
  approval_levels: number;
  yellow_override: number | null;
  supervising_department_id: number | null;
  requires_project_code: Defaulted<boolean>;
  result_name: string | null;
  effective_from: string;
  effective_to: string | null;
  change_request_id: number | null;
  published_by: number | null;
  published_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface SessionTable {
  token_hash: string;
  principal_kind: PrincipalKind;
  principal_id: number;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  last_seen_at: ColumnType<Date, Date | string | undefined, Date | string>;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  revoked_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  ip: string | null;
  user_agent: string | null;
}

export interface StoredMaterialTable {
  id: Generated<number>;
  enterprise_id: number | null;
  shared_key: string;
  name: string;
  file_name: string;
  blob_hash: string;
  content_type: string;
  size: number;
  trust_grade: TrustGrade;
  source: MaterialSource;
  verified_by: number | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface SupervisionExtensionTable {
  id: Generated<number>;
  item_id: number;
  days: number;
  reason: string;
  state: Defaulted<ExtensionState>;
  requested_by: number;
  requested_at: ColumnType<Date, Date | string | undefined, Date | string>;
  decided_by: number | null;
  decided_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  refuse_reason: string | null;
}

export interface SupervisionFileTable {
  id: Generated<number>;
  report_id: number | null;
  file_name: string;
  blob_hash: string;
  content_type: string;
  size: number;
  uploaded_by: number;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface SupervisionItemTable {
  id: Generated<number>;
  region_code: string;
  source: SupervisionSource;
  source_id: string;
  source_title: string;
  source_link: string | null;
  owner_unit_id: number;
  co_owner_unit_ids: Defaulted<number[]>;
  responsible_person: string | null;
  content: string;
  deadline_id: number | null;
  status: Defaulted<SupervisionStatus>;
  urged_count: Defaulted<number>;
  last_urged_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  reported_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  confirmed_by: number | null;
  confirmed_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  cancel_reason: string | null;
  return_reason: string | null;
  created_by: number | null;
  version: Defaulted<number>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface SupervisionReportTable {
  id: Generated<number>;
  item_id: number;
  kind: ReportKind;
  note: string;
  next_work: Defaulted<string>;
  reported_by: number;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface SupervisionUrgingTable {
  id: Generated<number>;
  item_id: number;
  rule: UrgeRule;
  warning: WarningLevel;
  note: Defaulted<string>;
  due_date: string | null;
  urged_by: number | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface TotpRecoveryCodeTable {
  user_id: number;
  code_hash: string;
  used_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
}

export interface UnitTable {
  id: Generated<number>;
  region_code: string;
  kind: UnitKind;
  name: string;
  short_name: string | null;
  enabled: Defaulted<boolean>;
  version: Defaulted<number>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  uscc: string | null;
}

export interface DB {
  app_user: AppUserTable;
  audit_event: AuditEventTable;
  blob: BlobTable;
  bundle: BundleTable;
  bundle_case: BundleCaseTable;
  bundle_item: BundleItemTable;
  calendar_override: CalendarOverrideTable;
  calendar_state: CalendarStateTable;
  calendar_year: CalendarYearTable;
  case_counter: CaseCounterTable;
  case_material: CaseMaterialTable;
  case_special_procedure: CaseSpecialProcedureTable;
  case_step: CaseStepTable;
  catalog_change_request: CatalogChangeRequestTable;
  consultation: ConsultationTable;
  coordination_commitment: CoordinationCommitmentTable;
  coordination_counter: CoordinationCounterTable;
  coordination_escalation: CoordinationEscalationTable;
  coordination_event: CoordinationEventTable;
  coordination_file: CoordinationFileTable;
  coordination_matter: CoordinationMatterTable;
  coordination_request: CoordinationRequestTable;
  deadline: DeadlineTable;
  deadline_change: DeadlineChangeTable;
  deadline_extension: DeadlineExtensionTable;
  deadline_suspension: DeadlineSuspensionTable;
  document: DocumentTable;
  document_counter: DocumentCounterTable;
  document_template: DocumentTemplateTable;
  enterprise: EnterpriseTable;
  escalation_step: EscalationStepTable;
  exchange_batch: ExchangeBatchTable;
  idempotency_key: IdempotencyKeyTable;
  item_authorization: ItemAuthorizationTable;
  item_material: ItemMaterialTable;
  job: JobTable;
  joint_meeting_system: JointMeetingSystemTable;
  login_throttle: LoginThrottleTable;
  meeting: MeetingTable;
  meeting_decision: MeetingDecisionTable;
  meeting_invitee: MeetingInviteeTable;
  meeting_material: MeetingMaterialTable;
  meeting_minutes_receipt: MeetingMinutesReceiptTable;
  meeting_schedule: MeetingScheduleTable;
  meeting_topic: MeetingTopicTable;
  meeting_topic_proposal: MeetingTopicProposalTable;
  national_day: NationalDayTable;
  notification: NotificationTable;
  notification_outbox: NotificationOutboxTable;
  oidc_login: OidcLoginTable;
  region: RegionTable;
  role_assignment: RoleAssignmentTable;
  role_policy: RolePolicyTable;
  schema_migration: SchemaMigrationTable;
  seal: SealTable;
  service_case: ServiceCaseTable;
  service_item: ServiceItemTable;
  service_item_version: ServiceItemVersionTable;
  session: SessionTable;
  stored_material: StoredMaterialTable;
  supervision_extension: SupervisionExtensionTable;
  supervision_file: SupervisionFileTable;
  supervision_item: SupervisionItemTable;
  supervision_report: SupervisionReportTable;
  supervision_urging: SupervisionUrgingTable;
  totp_recovery_code: TotpRecoveryCodeTable;
  unit: UnitTable;
}
