-- Second factor for staff (R-SEC-1): TOTP with the secret encrypted at rest (SM4), one-time
-- recovery codes stored hashed, and a per-role requirement set by administrators.
alter table app_user
  add column totp_secret_enc text,
  add column totp_enabled_at timestamptz,
  add column totp_last_step bigint;

create table totp_recovery_code (
  user_id bigint not null references app_user (id) on delete cascade,
  code_hash text not null,
  used_at timestamptz,
  primary key (user_id, code_hash)
);

create table role_policy (
  role text primary key,
  totp_required boolean not null default false,
  updated_at timestamptz not null default now()
);
