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
}

export type Unit = Selectable<UnitTable>;
export type NewUnit = Insertable<UnitTable>;
export type UnitUpdate = Updateable<UnitTable>;
export type AppUser = Selectable<AppUserTable>;
export type AuditEvent = Selectable<AuditEventTable>;
