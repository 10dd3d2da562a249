-- Organisation (two-level region tree), staff users, enterprises, roles with data scopes, sessions.

create table region (
  code text primary key check (code ~ '^[0-9]{6}$'),
  name text not null,
  parent_code text references region (code),
  level text not null check (level in ('city', 'county')),
  time_zone text not null default 'Asia/Shanghai',
  created_at timestamptz not null default now(),
  check ((level = 'city') = (parent_code is null))
);

create table unit (
  id bigint generated always as identity primary key,
  region_code text not null references region (code),
  kind text not null check (kind in ('center', 'department', 'park', 'town', 'supervision_office', 'leadership')),
  name text not null check (length(name) between 2 and 60),
  short_name text check (length(short_name) between 1 and 8),
  enabled boolean not null default true,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (region_code, name)
);
create index unit_region_idx on unit (region_code);

create table app_user (
  id bigint generated always as identity primary key,
  username text not null unique check (username ~ '^[a-z0-9_.-]{3,32}$'),
  display_name text not null check (length(display_name) between 1 and 40),
  unit_id bigint not null references unit (id),
  password_hash text not null,
  must_change_password boolean not null default true,
  password_changed_at timestamptz,
  enabled boolean not null default true,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index app_user_unit_idx on app_user (unit_id);

create table role_assignment (
  id bigint generated always as identity primary key,
  user_id bigint not null references app_user (id) on delete cascade,
  role text not null,
  scope text not null check (scope in ('all', 'region', 'own_unit', 'custom_units', 'self')),
  scope_unit_ids bigint[] not null default '{}',
  created_at timestamptz not null default now(),
  unique (user_id, role),
  check ((scope = 'custom_units') = (cardinality(scope_unit_ids) > 0))
);

create table enterprise (
  id bigint generated always as identity primary key,
  uscc text not null unique check (uscc ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'),
  name text not null check (length(name) between 2 and 100),
  legal_representative text not null,
  region_code text not null references region (code),
  username text not null unique check (username ~ '^[a-z0-9_.-]{3,32}$'),
  password_hash text not null,
  must_change_password boolean not null default false,
  password_changed_at timestamptz,
  enabled boolean not null default true,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- The cookie carries a random token; only its SHA-256 is stored.
create table session (
  token_hash text primary key,
  principal_kind text not null check (principal_kind in ('staff', 'enterprise')),
  principal_id bigint not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  ip text,
  user_agent text
);
create index session_principal_idx on session (principal_kind, principal_id);

-- Failed logins per account name ('account:staff:alice') and per client address ('ip:…'). Keyed by
-- the name typed, not the account row, so a lock never reveals whether an account exists.
create table login_throttle (
  key text primary key,
  failures integer not null default 0,
  window_start timestamptz not null default now()
);
