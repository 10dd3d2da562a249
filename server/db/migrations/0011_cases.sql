-- Cases (办件, GB/T 39046 表5–表8, R-CASE-*): one application for one item version, its
-- materials, process steps and special procedures; bundle applications; the enterprise's
-- material store that lets intake offer what was already submitted (R-MAT-*).

-- One application of a bundle (一件事): one form, one intake, one delivery.
create table bundle_case (
  id bigint generated always as identity primary key,
  number text not null unique,
  bundle_id bigint not null references bundle (id),
  region_code text not null references region (code),
  lead_department_id bigint not null references unit (id),
  enterprise_id bigint references enterprise (id),
  applicant_name text not null,
  form jsonb not null default '{}',
  delivered_at timestamptz,
  created_at timestamptz not null default now()
);

create table service_case (
  id bigint generated always as identity primary key,
  number text not null unique check (length(number) <= 50),
  region_code text not null references region (code),
  item_id bigint not null references service_item (id),
  item_version_id bigint not null references service_item_version (id),
  department_id bigint not null references unit (id),
  bundle_case_id bigint references bundle_case (id),
  enterprise_id bigint references enterprise (id),
  channel text not null check (channel in ('window', 'online')),
  state text not null check (state in (
    'submitted', 'correction_requested', 'accepted', 'tolerantly_accepted', 'rejected',
    'in_review', 'approved', 'denied', 'delivered', 'archived', 'withdrawn')),
  applicant_name text not null check (length(applicant_name) between 2 and 200),
  applicant_id_type text not null check (applicant_id_type in ('uscc', 'id_card', 'other')),
  applicant_id_number text not null check (length(applicant_id_number) between 2 and 18),
  contact_name text not null check (length(contact_name) between 1 and 50),
  contact_phone text not null check (contact_phone ~ '^[0-9+-]{7,20}$'),
  project_code text check (length(project_code) <= 24),
  project_name text check (length(project_name) <= 200),
  form jsonb not null default '{}',
  submitted_at timestamptz not null default now(),
  intake_by bigint references app_user (id),
  accepted_at timestamptz,
  acceptance_number text unique check (length(acceptance_number) <= 30),
  deadline_id bigint references deadline (id),
  promised_due date,
  review_level integer not null default 0 check (review_level between 0 and 3),
  suspended boolean not null default false,
  decision_reason text,
  decided_at timestamptz,
  decided_by bigint references app_user (id),
  result_name text,
  result_number text,
  result_valid_to date,
  delivery_method text check (delivery_method in ('window', 'post', 'online')),
  delivered_at timestamptz,
  archived_at timestamptz,
  search_text text not null default '',
  search tsvector not null default ''::tsvector,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- The department queue (by warning level, then due date), the window's lists and the center's
-- region board follow these indexes; keyset paging runs on id.
create index service_case_department_open_idx on service_case (department_id, promised_due, id)
  where state in ('accepted', 'tolerantly_accepted', 'in_review');
create index service_case_region_state_idx on service_case (region_code, state, id);
create index service_case_enterprise_idx on service_case (enterprise_id, id);
create index service_case_bundle_idx on service_case (bundle_case_id);
create index service_case_search_idx on service_case using gin (search);
create index service_case_trgm_idx on service_case using gin (search_text gin_trgm_ops);

-- Materials of a case: provided now, shared from the store (免提交), tolerated with a commitment,
-- or missing (for a one-time notice).
create table case_material (
  id bigint generated always as identity primary key,
  case_id bigint not null references service_case (id),
  material_id bigint not null references item_material (id),
  status text not null check (status in ('provided', 'shared', 'tolerated', 'missing')),
  stored_material_id bigint,
  committed_date date,
  commitment_text text,
  commitment_signed_at timestamptz,
  fulfilled_at timestamptz,
  reminded_at timestamptz,
  breached_at timestamptz,
  unique (case_id, material_id),
  check (status <> 'tolerated' or (committed_date is not null and commitment_signed_at is not null))
);
create index case_material_commitment_idx on case_material (committed_date)
  where status = 'tolerated' and fulfilled_at is null;

-- The enterprise's material store: each file once, with its trust grade (R-MAT-1).
create table stored_material (
  id bigint generated always as identity primary key,
  enterprise_id bigint references enterprise (id),
  shared_key text not null,
  name text not null,
  file_name text not null,
  blob_hash text not null references blob (hash),
  content_type text not null,
  size integer not null,
  trust_grade text not null check (trust_grade in ('A', 'B', 'C', 'D')),
  source text not null check (source in ('upload', 'window', 'licence')),
  verified_by bigint references app_user (id),
  created_at timestamptz not null default now()
);
create index stored_material_enterprise_idx on stored_material (enterprise_id, shared_key);

alter table case_material
  add constraint case_material_stored_fk foreign key (stored_material_id) references stored_material (id);

-- 环节 records (R-CASE-3): every transition is a step with actor, unit, opinion and times.
create table case_step (
  id bigint generated always as identity primary key,
  case_id bigint not null references service_case (id),
  name text not null,
  event text not null,
  action text not null check (action in ('pass', 'return', 'other')),
  from_state text,
  to_state text not null,
  level integer,
  actor_user_id bigint references app_user (id),
  actor_enterprise_id bigint references enterprise (id),
  unit_id bigint references unit (id),
  opinion text,
  at timestamptz not null default now()
);
create index case_step_case_idx on case_step (case_id, id);

-- 特别程序 (R-CASE-4): a clock stop on the case's deadline, with its result when it ends.
create table case_special_procedure (
  id bigint generated always as identity primary key,
  case_id bigint not null references service_case (id),
  kind text not null,
  kind_code text not null check (kind_code in ('1', '2')),
  reason text not null check (length(reason) between 2 and 500),
  requester text not null,
  started_on date not null,
  ended_on date,
  result text,
  opinion text,
  unit_id bigint not null references unit (id),
  handler_user_id bigint references app_user (id),
  created_at timestamptz not null default now()
);
create unique index case_special_procedure_open_idx on case_special_procedure (case_id)
  where ended_on is null;

-- The daily sequence of case numbers per region (gap-free within a day).
create table case_counter (
  region_code text not null references region (code),
  day date not null,
  last_number integer not null,
  primary key (region_code, day)
);
