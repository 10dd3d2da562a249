import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

// Row types of the tables, kept by hand next to the migrations (schema.sql is the snapshot).
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;
type Json = ColumnType<unknown, string, string>;

export interface SchemaMigrationTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: Timestamp;
}

export interface IdempotencyKeyTable {
  actor: string;
  key: string;
  method: string;
  path: string;
  request_hash: string;
  status_code: number | null;
  response_body: string | null;
  created_at: Timestamp;
}

export interface RegionTable {
  code: string;
  name: string;
  parent_code: string | null;
  level: 'city' | 'county';
  time_zone: Defaulted<string>;
  created_at: Timestamp;
}

export type UnitKind = 'center' | 'department' | 'park' | 'town' | 'supervision_office' | 'leadership';

export interface UnitTable {
  id: Generated<number>;
  region_code: string;
  kind: UnitKind;
  name: string;
  short_name: string | null;
  /** 统一社会信用代码 (GB 32100), once entered. */
  uscc: Defaulted<string | null>;
  enabled: Defaulted<boolean>;
  version: Defaulted<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AppUserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  unit_id: number;
  password_hash: string;
  must_change_password: Defaulted<boolean>;
  password_changed_at: Date | null;
  enabled: Defaulted<boolean>;
  version: Defaulted<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  totp_secret_enc: string | null;
  totp_enabled_at: Date | null;
  totp_last_step: number | null;
}

export interface TotpRecoveryCodeTable {
  user_id: number;
  code_hash: string;
  used_at: Date | null;
}

export interface RolePolicyTable {
  role: string;
  totp_required: Defaulted<boolean>;
  updated_at: Timestamp;
}

export type DataScope = 'all' | 'region' | 'own_unit' | 'custom_units' | 'self';

export interface RoleAssignmentTable {
  id: Generated<number>;
  user_id: number;
  role: string;
  scope: DataScope;
  scope_unit_ids: Defaulted<number[]>;
  created_at: Timestamp;
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
  password_changed_at: Date | null;
  enabled: Defaulted<boolean>;
  version: Defaulted<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionTable {
  token_hash: string;
  principal_kind: 'staff' | 'enterprise';
  principal_id: number;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Date;
  revoked_at: Date | null;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginThrottleTable {
  key: string;
  failures: Defaulted<number>;
  window_start: Timestamp;
}

export interface AuditEventTable {
  id: Generated<number>;
  at: Timestamp;
  actor_kind: 'staff' | 'enterprise' | 'system' | 'anonymous';
  actor_id: number | null;
  actor_name: string | null;
  unit_id: number | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: 'success' | 'denied' | 'failure';
  summary: Json;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  chain_seq: number | null;
  prev_hash: string | null;
  hash: string | null;
}

export interface OidcLoginTable {
  state: string;
  nonce: string;
  code_verifier: string;
  created_at: Timestamp;
}

export interface CalendarYearTable {
  year: number;
  sources: Json;
  loaded_at: Timestamp;
  loaded_by: number | null;
}

export interface NationalDayTable {
  date: string;
  kind: 'holiday' | 'makeup_workday';
  name: string;
}

export interface CalendarOverrideTable {
  region_code: string;
  date: string;
  kind: 'closure' | 'workday';
  reason: string;
  created_by: number | null;
  created_at: Timestamp;
}

export interface CalendarStateTable {
  id: number;
  revision: number;
}

export type DeadlineKind = 'legal' | 'promised' | 'reply' | 'commitment' | 'decision' | 'claim' | 'target';

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
  day_unit: Defaulted<TimeUnit>;
  yellow_override: number | null;
  status: Defaulted<'open' | 'done' | 'cancelled'>;
  due_date: string | null;
  yellow_from: string | null;
  provisional: Defaulted<boolean>;
  calendar_revision: number;
  done_on: string | null;
  version: Defaulted<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DeadlineSuspensionTable {
  id: Generated<number>;
  deadline_id: number;
  kind: string;
  from_date: string;
  to_date: string | null;
  reason: string;
  created_by: number | null;
  created_at: Timestamp;
}

export interface DeadlineExtensionTable {
  id: Generated<number>;
  deadline_id: number;
  days: number;
  reason: string;
  created_by: number | null;
  created_at: Timestamp;
}

export interface DeadlineChangeTable {
  id: Generated<number>;
  deadline_id: number;
  at: Timestamp;
  old_due: string | null;
  new_due: string | null;
  old_provisional: boolean;
  new_provisional: boolean;
  reason: string;
  calendar_revision: number;
}

export interface JobTable {
  id: Generated<number>;
  kind: string;
  payload: Json;
  run_at: Timestamp;
  status: Defaulted<'queued' | 'running' | 'done' | 'dead'>;
  attempts: Defaulted<number>;
  max_attempts: Defaulted<number>;
  dedupe_key: string | null;
  locked_by: string | null;
  locked_until: Date | null;
  last_error: string | null;
  created_at: Timestamp;
  finished_at: Date | null;
}

export interface NotificationTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  title: string;
  body: Defaulted<string>;
  link: string | null;
  dedupe_key: string | null;
  created_at: Timestamp;
  read_at: Date | null;
}

export interface NotificationOutboxTable {
  id: Generated<number>;
  notification_id: number;
  channel: 'email' | 'sms';
  status: Defaulted<'pending' | 'sent' | 'failed'>;
  attempts: Defaulted<number>;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: Date | null;
}

export interface BlobTable {
  hash: string;
  content_type: string;
  size: number;
  content: Buffer;
  created_at: Timestamp;
}

export type SealKind = 'official' | 'internal' | 'business' | 'personal';

export interface SealTable {
  id: Generated<number>;
  unit_id: number;
  kind: SealKind;
  name: string;
  provider: Defaulted<'builtin' | 'regional'>;
  public_key: string;
  private_key_enc: string | null;
  status: Defaulted<'active' | 'suspended' | 'revoked'>;
  valid_from: string;
  valid_to: string;
  replaced_by: number | null;
  created_by: number | null;
  created_at: Timestamp;
  image_hash: Generated<string | null>;
}

export interface DocumentCounterTable {
  issuer_unit_id: number;
  kind: string;
  year: number;
  last_number: number;
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
  signed_at: Date | null;
  created_by: number | null;
  created_at: Timestamp;
}

export interface DocumentTemplateTable {
  region_code: string;
  kind: string;
  issuer_mark: string | null;
  signature_name: string | null;
  number_series: string | null;
  closing: string | null;
  /** Slot key → the region's text (JSON object). */
  wording: ColumnType<Record<string, string>, string | undefined, string>;
  version: Defaulted<number>;
  updated_by: number | null;
  updated_at: Timestamp;
}

export type TimeUnit = 'working' | 'natural';
export type ItemKind = 'instant' | 'promised';
export type MaterialMedium = 'paper' | 'electronic' | 'both';

export interface ServiceItemTable {
  id: Generated<number>;
  region_code: string;
  department_id: number;
  current_version_id: number | null;
  status: Defaulted<'active' | 'withdrawn'>;
  created_at: Timestamp;
  updated_at: Timestamp;
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
  exercise_level: string;
  subject_nature: string;
  service_objects: string[];
  handling_forms: string[];
  kind: ItemKind;
  legal_days: number;
  legal_unit: TimeUnit;
  legal_explain: string | null;
  promised_days: number;
  promised_unit: TimeUnit;
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
  published_at: Timestamp;
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

export interface CatalogChangeRequestTable {
  id: Generated<number>;
  region_code: string;
  department_id: number;
  kind: 'add' | 'modify' | 'withdraw';
  item_id: number | null;
  base_version_id: number | null;
  payload: Json | null;
  reason: string;
  status: Defaulted<'submitted' | 'approved' | 'rejected'>;
  drafted_by: number | null;
  decided_by: number | null;
  decided_at: Date | null;
  decision_note: string | null;
  version: Defaulted<number>;
  created_at: Timestamp;
}

export interface BundleTable {
  id: Generated<number>;
  region_code: string;
  name: string;
  description: string | null;
  lead_department_id: number;
  form: Json;
  status: Defaulted<'active' | 'withdrawn'>;
  version: Defaulted<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface BundleItemTable {
  bundle_id: number;
  item_id: number;
  seq: number;
}

export interface ItemAuthorizationTable {
  id: Generated<number>;
  item_id: number;
  department_id: number;
  grantee_user_id: number;
  note: string | null;
  granted_by: number | null;
  granted_at: Timestamp;
  revoked_by: number | null;
  revoked_at: Date | null;
}

export type CaseStateColumn =
  | 'submitted'
  | 'correction_requested'
  | 'accepted'
  | 'tolerantly_accepted'
  | 'rejected'
  | 'in_review'
  | 'approved'
  | 'denied'
  | 'delivered'
  | 'archived'
  | 'withdrawn';

export interface BundleCaseTable {
  id: Generated<number>;
  number: string;
  bundle_id: number;
  region_code: string;
  lead_department_id: number;
  enterprise_id: number | null;
  applicant_name: string;
  form: Json;
  delivered_at: Date | null;
  created_at: Timestamp;
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
  channel: 'window' | 'online';
  state: CaseStateColumn;
  applicant_name: string;
  applicant_id_type: 'uscc' | 'id_card' | 'other';
  applicant_id_number: string;
  contact_name: string;
  contact_phone: string;
  project_code: string | null;
  project_name: string | null;
  form: Json;
  submitted_at: Timestamp;
  intake_by: number | null;
  /** The agent (代办员) representing the applicant, if any. */
  agent_id: number | null;
  accepted_at: Date | null;
  acceptance_number: string | null;
  deadline_id: number | null;
  promised_due: string | null;
  /** Mirrors the deadline (trigger) so the queue can order by warning level from the index. */
  yellow_from: string | null;
  review_level: Defaulted<number>;
  suspended: Defaulted<boolean>;
  extended_days: Defaulted<number>;
  decision_reason: string | null;
  decided_at: Date | null;
  decided_by: number | null;
  result_name: string | null;
  result_number: string | null;
  result_valid_to: string | null;
  delivery_method: 'window' | 'post' | 'online' | null;
  delivered_at: Date | null;
  archived_at: Date | null;
  search_text: Defaulted<string>;
  search: ColumnType<string, string | undefined, string>;
  version: Defaulted<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type CaseMaterialStatus = 'provided' | 'shared' | 'tolerated' | 'missing';

export interface CaseMaterialTable {
  id: Generated<number>;
  case_id: number;
  material_id: number;
  status: CaseMaterialStatus;
  stored_material_id: number | null;
  committed_date: string | null;
  commitment_text: string | null;
  commitment_signed_at: Date | null;
  fulfilled_at: Date | null;
  reminded_at: Date | null;
  breached_at: Date | null;
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
  trust_grade: 'A' | 'B' | 'C' | 'D';
  source: 'upload' | 'window' | 'licence';
  verified_by: number | null;
  created_at: Timestamp;
}

export interface CaseStepTable {
  id: Generated<number>;
  case_id: number;
  name: string;
  event: string;
  action: 'pass' | 'return' | 'other';
  from_state: string | null;
  to_state: string;
  level: number | null;
  actor_user_id: number | null;
  actor_enterprise_id: number | null;
  unit_id: number | null;
  opinion: string | null;
  at: Timestamp;
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
  created_at: Timestamp;
  /** When the upstream platform accepted the batch, with its receipt. */
  sent_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  receipt: Defaulted<string | null>;
  send_attempts: Defaulted<number>;
  last_error: Defaulted<string | null>;
}

export interface CaseSpecialProcedureTable {
  id: Generated<number>;
  case_id: number;
  kind: string;
  kind_code: '1' | '2';
  reason: string;
  requester: string;
  started_on: string;
  ended_on: string | null;
  result: string | null;
  opinion: string | null;
  unit_id: number;
  handler_user_id: number | null;
  created_at: Timestamp;
}

export interface CaseCounterTable {
  region_code: string;
  day: string;
  last_number: number;
}

export interface CoordinationCounterTable {
  region_code: string;
  year: number;
  last_number: number;
}

export type CoordinationStateColumn =
  | 'submitted'
  | 'returned'
  | 'consulting'
  | 'letter_drafting'
  | 'meeting_proposed'
  | 'tracking'
  | 'closed'
  | 'withdrawn';
export type LadderLevelColumn = 'window' | 'stage_lead' | 'center' | 'leader';
export type ComplexityColumn = 'simple' | 'major' | 'complex';

export interface CoordinationRequestTable {
  id: Generated<number>;
  number: string;
  region_code: string;
  center_unit_id: number;
  source: 'enterprise' | 'park' | 'town' | 'window' | 'case' | 'stage_lead';
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
  complexity: ComplexityColumn | null;
  state: CoordinationStateColumn;
  level: LadderLevelColumn;
  returned_missing: Defaulted<string[]>;
  return_note: string | null;
  outcome: 'letter' | 'meeting' | null;
  outcome_reasons: Defaulted<string[]>;
  override_reason: string | null;
  letter_addressee: string | null;
  letter_document_id: number | null;
  resolution: string | null;
  search: ColumnType<string, string | undefined, string>;
  search_text: Defaulted<string>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  closed_at: Date | null;
  version: Defaulted<number>;
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
  created_at: Timestamp;
}

export interface CoordinationMatterTable {
  id: Generated<number>;
  request_id: number;
  seq: number;
  title: string;
  complexity: ComplexityColumn;
  department_ids: number[];
}

export type StanceColumn = 'agree' | 'conditional' | 'disagree';

export interface ConsultationTable {
  id: Generated<number>;
  request_id: number;
  department_id: number;
  questions: string[];
  reply_by: string;
  deadline_id: number | null;
  document_id: number | null;
  status: Defaulted<'pending' | 'drafted' | 'answered'>;
  overdue_at: Date | null;
  stance: StanceColumn | null;
  opinion: string | null;
  legal_basis: string | null;
  conditions: string | null;
  drafted_by: number | null;
  drafted_at: Date | null;
  signed_by: number | null;
  signed_at: Date | null;
  late: Defaulted<boolean>;
  version: Defaulted<number>;
  created_at: Timestamp;
}

export interface CoordinationCommitmentTable {
  id: Generated<number>;
  request_id: number;
  consultation_id: number | null;
  department_id: number;
  content: string;
  due_days: number | null;
  due_on: string | null;
  status: Defaulted<'proposed' | 'open' | 'done' | 'cancelled'>;
  deadline_id: number | null;
  urged_count: Defaulted<number>;
  last_urged_at: Date | null;
  done_at: Date | null;
  done_note: string | null;
  version: Defaulted<number>;
  created_at: Timestamp;
}

export interface CoordinationEscalationTable {
  id: Generated<number>;
  request_id: number;
  from_level: LadderLevelColumn | null;
  to_level: LadderLevelColumn;
  to_unit_id: number;
  reason: string;
  escalated_by: number | null;
  deadline_id: number | null;
  at: Timestamp;
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
  at: Timestamp;
}

export interface EscalationStepTable {
  region_code: string;
  level: LadderLevelColumn;
  limit_days: number;
  required: string[];
  version: Defaulted<number>;
  updated_by: number | null;
  updated_at: Timestamp;
}

export interface DB {
  schema_migration: SchemaMigrationTable;
  idempotency_key: IdempotencyKeyTable;
  region: RegionTable;
  unit: UnitTable;
  app_user: AppUserTable;
  role_assignment: RoleAssignmentTable;
  enterprise: EnterpriseTable;
  session: SessionTable;
  login_throttle: LoginThrottleTable;
  audit_event: AuditEventTable;
  totp_recovery_code: TotpRecoveryCodeTable;
  role_policy: RolePolicyTable;
  oidc_login: OidcLoginTable;
  calendar_year: CalendarYearTable;
  national_day: NationalDayTable;
  calendar_override: CalendarOverrideTable;
  calendar_state: CalendarStateTable;
  deadline: DeadlineTable;
  deadline_suspension: DeadlineSuspensionTable;
  deadline_extension: DeadlineExtensionTable;
  deadline_change: DeadlineChangeTable;
  job: JobTable;
  notification: NotificationTable;
  notification_outbox: NotificationOutboxTable;
  blob: BlobTable;
  seal: SealTable;
  document_counter: DocumentCounterTable;
  document: DocumentTable;
  document_template: DocumentTemplateTable;
  service_item: ServiceItemTable;
  service_item_version: ServiceItemVersionTable;
  item_material: ItemMaterialTable;
  catalog_change_request: CatalogChangeRequestTable;
  bundle: BundleTable;
  bundle_item: BundleItemTable;
  item_authorization: ItemAuthorizationTable;
  bundle_case: BundleCaseTable;
  service_case: ServiceCaseTable;
  case_material: CaseMaterialTable;
  stored_material: StoredMaterialTable;
  case_step: CaseStepTable;
  case_special_procedure: CaseSpecialProcedureTable;
  exchange_batch: ExchangeBatchTable;
  case_counter: CaseCounterTable;
  coordination_counter: CoordinationCounterTable;
  coordination_request: CoordinationRequestTable;
  coordination_file: CoordinationFileTable;
  coordination_matter: CoordinationMatterTable;
  consultation: ConsultationTable;
  coordination_commitment: CoordinationCommitmentTable;
  coordination_escalation: CoordinationEscalationTable;
  coordination_event: CoordinationEventTable;
  escalation_step: EscalationStepTable;
}

export type Unit = Selectable<UnitTable>;
export type NewUnit = Insertable<UnitTable>;
export type UnitUpdate = Updateable<UnitTable>;
export type AppUser = Selectable<AppUserTable>;
export type AuditEvent = Selectable<AuditEventTable>;
