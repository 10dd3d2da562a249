-- The catalog of service items (事项清单, GB/T 39046 表4, R-CAT-*): a stable item identity, its
-- immutable published versions with materials, the change requests that publish them, bundles
-- (一件事) and chief-representative authorizations (首席事务代表授权).

create extension if not exists pg_trgm;

create table service_item (
  id bigint generated always as identity primary key,
  region_code text not null references region (code),
  department_id bigint not null references unit (id),
  current_version_id bigint,
  status text not null default 'active' check (status in ('active', 'withdrawn')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index service_item_department_idx on service_item (department_id);
create index service_item_region_idx on service_item (region_code, status);

-- One published version. Never updated or deleted (R-CAT-4): a change publishes a new row.
create table service_item_version (
  id bigint generated always as identity primary key,
  item_id bigint not null references service_item (id),
  version_no integer not null check (version_no >= 1),
  name text not null check (length(name) between 2 and 200),
  basic_code text not null check (basic_code ~ '^[0-9A-Za-z-]{1,12}$'),
  implementation_code text not null check (implementation_code ~ '^[0-9A-Za-z-]{1,36}$'),
  handle_item_code text check (handle_item_code ~ '^[0-9A-Za-z-]{1,50}$'),
  local_code text check (length(local_code) between 1 and 50),
  item_type text not null check (item_type ~ '^[0-9]{2}$'),
  exercise_level text not null check (exercise_level in ('1', '2', '3', '4', '5', '6', '7')),
  subject_nature text not null check (subject_nature in ('1', '2', '3', '9')),
  service_objects text[] not null check (cardinality(service_objects) >= 1),
  handling_forms text[] not null check (cardinality(handling_forms) >= 1),
  kind text not null check (kind in ('instant', 'promised')),
  legal_days integer not null check (legal_days between 0 and 1000),
  legal_unit text not null check (legal_unit in ('working', 'natural')),
  legal_explain text,
  promised_days integer not null check (promised_days between 0 and 1000),
  promised_unit text not null check (promised_unit in ('working', 'natural')),
  promised_explain text,
  legal_basis text not null check (length(legal_basis) between 2 and 4000),
  acceptance_conditions text,
  special_procedure text not null check (length(special_procedure) between 1 and 2000),
  suspension_kinds text[] not null default '{}',
  charged boolean not null default false,
  fee_basis text,
  online boolean not null default false,
  online_url text,
  approval_levels integer not null check (approval_levels between 1 and 3),
  yellow_override integer check (yellow_override between 0 and 1000),
  supervising_department_id bigint references unit (id),
  requires_project_code boolean not null default false,
  result_name text,
  effective_from date not null,
  effective_to date,
  change_request_id bigint,
  published_by bigint references app_user (id),
  published_at timestamptz not null default now(),
  unique (item_id, version_no),
  check (promised_days <= legal_days or promised_unit <> legal_unit),
  check (effective_to is null or effective_to >= effective_from)
);

alter table service_item
  add constraint service_item_current_version_fk foreign key (current_version_id)
  references service_item_version (id);

-- Materials of one version. `shared_key` identifies the same document across items, so a bundle
-- asks for it once and an enterprise's earlier submission can stand in for it.
create table item_material (
  id bigint generated always as identity primary key,
  version_id bigint not null references service_item_version (id),
  seq integer not null,
  name text not null check (length(name) between 2 and 200),
  shared_key text not null check (length(shared_key) between 2 and 200),
  required boolean not null,
  tolerable boolean not null default false,
  tolerable_basis text,
  medium text not null check (medium in ('paper', 'electronic', 'both')),
  licence_type text,
  originals integer not null default 0 check (originals between 0 and 99),
  copies integer not null default 0 check (copies between 0 and 99),
  form_template_hash text references blob (hash),
  requirement text,
  unique (version_id, seq),
  -- A required (必备) material may be tolerated only with a recorded legal basis (R-CAT-3).
  check (not (required and tolerable) or length(tolerable_basis) >= 2)
);
create index item_material_version_idx on item_material (version_id);

create function catalog_version_immutable() returns trigger language plpgsql as $$
begin
  raise exception 'published catalog versions are immutable' using errcode = 'P0001';
end;
$$;
create trigger service_item_version_immutable before update or delete on service_item_version
  for each row execute function catalog_version_immutable();
create trigger item_material_immutable before update or delete on item_material
  for each row execute function catalog_version_immutable();

-- A department drafts, the center approves; approval publishes a version (R-CAT-4).
create table catalog_change_request (
  id bigint generated always as identity primary key,
  region_code text not null references region (code),
  department_id bigint not null references unit (id),
  kind text not null check (kind in ('add', 'modify', 'withdraw')),
  item_id bigint references service_item (id),
  base_version_id bigint references service_item_version (id),
  payload jsonb,
  reason text not null check (length(reason) between 2 and 1000),
  status text not null default 'submitted' check (status in ('submitted', 'approved', 'rejected')),
  drafted_by bigint references app_user (id),
  decided_by bigint references app_user (id),
  decided_at timestamptz,
  decision_note text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  check ((kind = 'add') = (item_id is null)),
  check ((kind = 'withdraw') = (payload is null))
);
create index catalog_change_request_status_idx on catalog_change_request (region_code, status, id);
create index catalog_change_request_department_idx on catalog_change_request (department_id, id);

-- 一件事: several items, one form, de-duplicated materials, one intake and one delivery (R-BUN-1).
create table bundle (
  id bigint generated always as identity primary key,
  region_code text not null references region (code),
  name text not null check (length(name) between 2 and 100),
  description text,
  lead_department_id bigint not null references unit (id),
  -- [{ key, label, required, itemIds: [...] }]: each form field and the items it feeds.
  form jsonb not null default '[]',
  status text not null default 'active' check (status in ('active', 'withdrawn')),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (region_code, name)
);

create table bundle_item (
  bundle_id bigint not null references bundle (id) on delete cascade,
  item_id bigint not null references service_item (id),
  seq integer not null,
  primary key (bundle_id, item_id)
);

-- Which items a department empowers a window clerk to decide on the spot.
create table item_authorization (
  id bigint generated always as identity primary key,
  item_id bigint not null references service_item (id),
  department_id bigint not null references unit (id),
  grantee_user_id bigint not null references app_user (id),
  note text,
  granted_by bigint references app_user (id),
  granted_at timestamptz not null default now(),
  revoked_by bigint references app_user (id),
  revoked_at timestamptz
);
create unique index item_authorization_active_idx on item_authorization (item_id, grantee_user_id)
  where revoked_at is null;
