-- Working-day calendar (R-CAL-7/8/10): national days per officially loaded year, regional
-- overrides, a revision counter that every change bumps (caches and deadlines record it).
create table calendar_year (
  year integer primary key check (year between 2000 and 2100),
  sources jsonb not null default '[]',
  loaded_at timestamptz not null default now(),
  loaded_by bigint references app_user (id)
);

create table national_day (
  date date primary key,
  kind text not null check (kind in ('holiday', 'makeup_workday')),
  name text not null
);

create table calendar_override (
  region_code text not null references region (code),
  date date not null,
  kind text not null check (kind in ('closure', 'workday')),
  reason text not null check (length(reason) between 2 and 200),
  created_by bigint references app_user (id),
  created_at timestamptz not null default now(),
  primary key (region_code, date)
);

create table calendar_state (
  id integer primary key check (id = 1),
  revision bigint not null
);
insert into calendar_state (id, revision) values (1, 1);

-- A time limit in working days (DOMAIN.md "Working days"): the stored dates are derived from the
-- calendar and the suspensions, kept for indexing, and recomputed when either changes.
create table deadline (
  id bigint generated always as identity primary key,
  subject_type text not null,
  subject_id text not null,
  kind text not null check (kind in ('legal', 'promised', 'reply', 'commitment', 'decision', 'claim', 'target')),
  title text not null check (length(title) between 2 and 200),
  region_code text not null references region (code),
  unit_id bigint not null references unit (id),
  owner_user_id bigint references app_user (id),
  start_date date not null,
  limit_days integer not null check (limit_days between 0 and 1000),
  yellow_override integer check (yellow_override between 0 and 1000),
  status text not null default 'open' check (status in ('open', 'done', 'cancelled')),
  due_date date,
  yellow_from date,
  provisional boolean not null default false,
  calendar_revision bigint not null,
  done_on date,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (subject_type, subject_id, kind)
);
create index deadline_unit_due_idx on deadline (unit_id, due_date) where status = 'open';
create index deadline_yellow_idx on deadline (yellow_from) where status = 'open';
create index deadline_region_idx on deadline (region_code) where status = 'open';

create table deadline_suspension (
  id bigint generated always as identity primary key,
  deadline_id bigint not null references deadline (id) on delete cascade,
  kind text not null,
  from_date date not null,
  to_date date,
  reason text not null check (length(reason) between 2 and 500),
  created_by bigint references app_user (id),
  created_at timestamptz not null default now(),
  check (to_date is null or to_date >= from_date)
);
create index deadline_suspension_deadline_idx on deadline_suspension (deadline_id);

-- Every change of a stored due date, with why (R-CAL-10).
create table deadline_change (
  id bigint generated always as identity primary key,
  deadline_id bigint not null references deadline (id) on delete cascade,
  at timestamptz not null default now(),
  old_due date,
  new_due date,
  old_provisional boolean not null,
  new_provisional boolean not null,
  reason text not null,
  calendar_revision bigint not null
);
create index deadline_change_deadline_idx on deadline_change (deadline_id, id);

-- Background jobs, claimed with FOR UPDATE SKIP LOCKED; a dedupe key makes a job unique while it
-- is queued or running (the once-a-minute sweep uses the minute as its key).
create table job (
  id bigint generated always as identity primary key,
  kind text not null,
  payload jsonb not null default '{}',
  run_at timestamptz not null default now(),
  status text not null default 'queued' check (status in ('queued', 'running', 'done', 'dead')),
  attempts integer not null default 0,
  max_attempts integer not null default 5 check (max_attempts between 1 and 100),
  dedupe_key text,
  locked_by text,
  locked_until timestamptz,
  last_error text,
  created_at timestamptz not null default now(),
  finished_at timestamptz
);
create unique index job_dedupe_idx on job (kind, dedupe_key) where dedupe_key is not null;
create index job_ready_idx on job (run_at, id) where status = 'queued';
create index job_running_idx on job (locked_until) where status = 'running';

-- In-app notifications; the unique key makes a re-run of a sweep write nothing new.
create table notification (
  id bigint generated always as identity primary key,
  user_id bigint not null references app_user (id) on delete cascade,
  kind text not null,
  title text not null,
  body text not null default '',
  link text,
  dedupe_key text unique,
  created_at timestamptz not null default now(),
  read_at timestamptz
);
create index notification_user_idx on notification (user_id, id desc);
create index notification_unread_idx on notification (user_id) where read_at is null;

-- One row per external channel for each notification: email/SMS adapters consume these later
-- without touching the producers.
create table notification_outbox (
  id bigint generated always as identity primary key,
  notification_id bigint not null references notification (id) on delete cascade,
  channel text not null check (channel in ('email', 'sms')),
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
  attempts integer not null default 0,
  last_error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index notification_outbox_pending_idx on notification_outbox (channel, id) where status = 'pending';
