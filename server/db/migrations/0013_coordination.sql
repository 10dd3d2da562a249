-- Coordination requests (DOMAIN.md workflow 3): intake, triage into matters, one written
-- consultation per department, signed replies with commitments, the outcome, tracked
-- commitments, and the escalation ladder with its per-region configuration.

create table coordination_counter (
  region_code text not null references region (code),
  year integer not null,
  last_number integer not null,
  primary key (region_code, year)
);

create table coordination_request (
  id bigint generated always as identity primary key,
  number text not null unique,
  region_code text not null references region (code),
  center_unit_id bigint not null references unit (id),
  source text not null check (source in ('enterprise', 'park', 'town', 'window', 'case', 'stage_lead')),
  source_unit_id bigint references unit (id),
  enterprise_id bigint references enterprise (id),
  case_id bigint references service_case (id),
  stage_lead_unit_id bigint references unit (id),
  applicant_name text not null check (length(applicant_name) between 2 and 100),
  project_name text not null check (length(project_name) between 2 and 100),
  project_code text,
  overview text not null default '',
  problem text not null default '',
  positions jsonb not null default '[]',
  proposal text not null default '',
  contact_name text not null default '',
  contact_phone text not null default '',
  urgent boolean not null default false,
  complexity text check (complexity in ('simple', 'major', 'complex')),
  state text not null check (
    state in ('submitted', 'returned', 'consulting', 'letter_drafting', 'meeting_proposed', 'tracking', 'closed', 'withdrawn')
  ),
  level text not null check (level in ('window', 'stage_lead', 'center', 'leader')),
  returned_missing text[] not null default '{}',
  return_note text,
  outcome text check (outcome in ('letter', 'meeting')),
  outcome_reasons text[] not null default '{}',
  override_reason text,
  letter_addressee text,
  letter_document_id bigint references document (id),
  resolution text,
  search tsvector not null default ''::tsvector,
  search_text text not null default '',
  created_by bigint references app_user (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  closed_at timestamptz,
  version integer not null default 1
);
create index coordination_request_board_idx on coordination_request (center_unit_id, state, id);
create index coordination_request_enterprise_idx on coordination_request (enterprise_id, id);
create index coordination_request_search_idx on coordination_request using gin (search);
create index coordination_request_trgm_idx on coordination_request using gin (search_text gin_trgm_ops);

-- Files attached to a request or a reply; uploaded first, attached when the form is submitted.
create table coordination_file (
  id bigint generated always as identity primary key,
  request_id bigint references coordination_request (id),
  consultation_id bigint,
  file_name text not null check (length(file_name) between 1 and 200),
  blob_hash text not null references blob (hash),
  content_type text not null,
  size integer not null,
  uploaded_by bigint references app_user (id),
  uploaded_by_enterprise bigint references enterprise (id),
  created_at timestamptz not null default now(),
  check ((uploaded_by is null) <> (uploaded_by_enterprise is null))
);
create index coordination_file_request_idx on coordination_file (request_id);

create table coordination_matter (
  id bigint generated always as identity primary key,
  request_id bigint not null references coordination_request (id),
  seq integer not null,
  title text not null check (length(title) between 2 and 200),
  complexity text not null check (complexity in ('simple', 'major', 'complex')),
  department_ids bigint[] not null check (cardinality(department_ids) > 0),
  unique (request_id, seq)
);

-- One written consultation per department; the reply counts once the department lead signs it.
create table consultation (
  id bigint generated always as identity primary key,
  request_id bigint not null references coordination_request (id),
  department_id bigint not null references unit (id),
  questions text[] not null,
  reply_by date not null,
  deadline_id bigint references deadline (id),
  document_id bigint references document (id),
  status text not null default 'pending' check (status in ('pending', 'drafted', 'answered')),
  overdue_at timestamptz,
  stance text check (stance in ('agree', 'conditional', 'disagree')),
  opinion text,
  legal_basis text,
  conditions text,
  drafted_by bigint references app_user (id),
  drafted_at timestamptz,
  signed_by bigint references app_user (id),
  signed_at timestamptz,
  late boolean not null default false,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  unique (request_id, department_id)
);
create index consultation_department_idx on consultation (department_id, status, id);

alter table coordination_file
  add constraint coordination_file_consultation_fk foreign key (consultation_id) references consultation (id);

-- A commitment of a reply; tracked (督办) with its own deadline once the letter is sent.
create table coordination_commitment (
  id bigint generated always as identity primary key,
  request_id bigint not null references coordination_request (id),
  consultation_id bigint references consultation (id),
  department_id bigint not null references unit (id),
  content text not null check (length(content) between 2 and 500),
  due_days integer check (due_days between 1 and 365),
  due_on date,
  status text not null default 'proposed' check (status in ('proposed', 'open', 'done', 'cancelled')),
  deadline_id bigint references deadline (id),
  urged_count integer not null default 0,
  last_urged_at timestamptz,
  done_at timestamptz,
  done_note text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  check ((due_days is null) <> (due_on is null))
);
create index coordination_commitment_request_idx on coordination_commitment (request_id);
create index coordination_commitment_department_idx on coordination_commitment (department_id, status);

-- Each step on the escalation ladder: who, when, why, to whom, with its own time limit. The first
-- row of a request is its entry level (from_level null); a resubmission reopens the same level.
create table coordination_escalation (
  id bigint generated always as identity primary key,
  request_id bigint not null references coordination_request (id),
  from_level text check (from_level in ('window', 'stage_lead', 'center', 'leader')),
  to_level text not null check (to_level in ('window', 'stage_lead', 'center', 'leader')),
  to_unit_id bigint not null references unit (id),
  reason text not null,
  escalated_by bigint references app_user (id),
  deadline_id bigint references deadline (id),
  at timestamptz not null default now()
);
create index coordination_escalation_request_idx on coordination_escalation (request_id, id);

-- The timeline: every event, document and reply of a request; `public` rows show on the portal.
create table coordination_event (
  id bigint generated always as identity primary key,
  request_id bigint not null references coordination_request (id),
  kind text not null,
  title text not null,
  detail text not null default '',
  public boolean not null default false,
  actor_name text,
  unit_name text,
  document_id bigint references document (id),
  at timestamptz not null default now()
);
create index coordination_event_request_idx on coordination_event (request_id, id);

-- A region's ladder when it differs from the default (lib/coordination.ts DEFAULT_LADDER).
create table escalation_step (
  region_code text not null references region (code),
  level text not null check (level in ('window', 'stage_lead', 'center', 'leader')),
  limit_days integer not null check (limit_days between 1 and 60),
  required text[] not null,
  -- The region's ladder changes as a whole: every row carries the ladder's version (If-Match).
  version integer not null default 1,
  updated_by bigint references app_user (id),
  updated_at timestamptz not null default now(),
  primary key (region_code, level)
);
