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
  deadline_change: DeadlineChangeTable;
  job: JobTable;
  notification: NotificationTable;
  notification_outbox: NotificationOutboxTable;
  blob: BlobTable;
  seal: SealTable;
  document_counter: DocumentCounterTable;
  document: DocumentTable;
  document_template: DocumentTemplateTable;
}

export type Unit = Selectable<UnitTable>;
export type NewUnit = Insertable<UnitTable>;
export type UnitUpdate = Updateable<UnitTable>;
export type AppUser = Selectable<AppUserTable>;
export type AuditEvent = Selectable<AuditEventTable>;
