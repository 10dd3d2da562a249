-- Supervision (督办, DOMAIN.md workflow 5): one tracker for everything someone promised or was told
-- to do. Each item has a source, an owner unit and responsible person, a due date in the deadline
-- ledger (with extensions), progress reports with evidence files, urgings (R-SUP-1) and extension
-- requests. Done means evidence reported by the owner and confirmed by the supervising side.
create table supervision_item (
  id bigint generated always as identity primary key,
  region_code text not null references region (code),
  source text not null
    check (source in ('commitment', 'meeting_decision', 'instruction', 'plan_step', 'handover', 'overdue_case')),
  -- The source row (a commitment, a decision, …) and how it reads and links in the tracker.
  source_id text not null,
  source_title text not null check (length(source_title) between 2 and 200),
  source_link text check (length(source_link) <= 200),
  owner_unit_id bigint not null references unit (id),
  co_owner_unit_ids bigint[] not null default '{}',
  responsible_person text check (length(responsible_person) between 2 and 40),
  content text not null check (length(content) between 2 and 500),
  deadline_id bigint references deadline (id),
  status text not null default 'open' check (status in ('open', 'reported', 'done', 'cancelled')),
  urged_count integer not null default 0,
  last_urged_at timestamptz,
  reported_at timestamptz,
  confirmed_by bigint references app_user (id),
  confirmed_at timestamptz,
  cancel_reason text check (length(cancel_reason) between 2 and 200),
  -- Why the supervising side last returned a done report (cleared when it confirms).
  return_reason text check (length(return_reason) between 2 and 200),
  created_by bigint references app_user (id),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  unique (source, source_id)
);
create index supervision_item_region_idx on supervision_item (region_code, status, id);
create index supervision_item_owner_idx on supervision_item (owner_unit_id, status, id);

-- 进展报告 and 办结报告: what the owner reports, with what it will do next.
create table supervision_report (
  id bigint generated always as identity primary key,
  item_id bigint not null references supervision_item (id),
  kind text not null check (kind in ('progress', 'done')),
  note text not null check (length(note) between 2 and 2000),
  next_work text not null default '' check (length(next_work) <= 1000),
  reported_by bigint not null references app_user (id),
  created_at timestamptz not null default now()
);
create index supervision_report_item_idx on supervision_report (item_id);

-- Evidence files: uploaded first, attached to the report that names them.
create table supervision_file (
  id bigint generated always as identity primary key,
  report_id bigint references supervision_report (id),
  file_name text not null check (length(file_name) between 1 and 200),
  blob_hash text not null,
  content_type text not null,
  size integer not null,
  uploaded_by bigint not null references app_user (id),
  created_at timestamptz not null default now()
);
create index supervision_file_report_idx on supervision_file (report_id);

-- 催办 (R-SUP-1): when, why (the rule), at which warning level, by whom, with what note.
create table supervision_urging (
  id bigint generated always as identity primary key,
  item_id bigint not null references supervision_item (id),
  rule text not null check (rule in ('manual', 'before_due', 'on_due', 'overdue')),
  warning text not null check (warning in ('green', 'yellow', 'red')),
  note text not null default '' check (length(note) <= 500),
  -- The due date the item had then: the sweep reminds once per rule and due date (again after an
  -- extension moves it).
  due_date date,
  urged_by bigint references app_user (id),
  created_at timestamptz not null default now()
);
create index supervision_urging_item_idx on supervision_urging (item_id);

-- 延期申请: the owner asks for working days with a reason; the supervising side grants (the ledger
-- extends the due date) or refuses.
create table supervision_extension (
  id bigint generated always as identity primary key,
  item_id bigint not null references supervision_item (id),
  days integer not null check (days between 1 and 60),
  reason text not null check (length(reason) between 2 and 500),
  state text not null default 'pending' check (state in ('pending', 'granted', 'refused')),
  requested_by bigint not null references app_user (id),
  requested_at timestamptz not null default now(),
  decided_by bigint references app_user (id),
  decided_at timestamptz,
  refuse_reason text check (length(refuse_reason) between 2 and 200)
);
create unique index supervision_extension_pending_key on supervision_extension (item_id) where state = 'pending';
