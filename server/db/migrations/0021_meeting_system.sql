-- The rest of the meeting loop (DOMAIN.md workflow 4): standing schedules of regular meetings with
-- figures from the data, the region's joint-meeting system, topic proposals and the approval of the
-- agenda, meeting materials, receipts of issued minutes and corrections as superseding versions.

-- 工作例会: a standing schedule (weekly or monthly) from which the center's regular meetings are
-- planned as drafts; each carries the approval figures of the period before it.
create table meeting_schedule (
  id bigint generated always as identity primary key,
  region_code text not null references region (code),
  center_unit_id bigint not null references unit (id),
  title text not null check (length(title) between 4 and 80),
  cadence text not null check (cadence in ('weekly', 'monthly')),
  -- ISO weekday (1 = Monday) of a weekly meeting, day of the month of a monthly one.
  day integer not null,
  check ((cadence = 'weekly' and day between 1 and 7) or (cadence = 'monthly' and day between 1 and 28)),
  start_time text not null check (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  place text not null check (length(place) between 2 and 100),
  chair text not null check (length(chair) between 2 and 60),
  invitee_unit_ids bigint[] not null check (cardinality(invitee_unit_ids) between 1 and 50),
  notice_days integer not null default 2 check (notice_days between 0 and 10),
  -- The next meeting is planned this many working days before it is held.
  lead_days integer not null default 5 check (lead_days between 1 and 20),
  enabled boolean not null default true,
  created_by bigint not null references app_user (id),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index meeting_schedule_region_idx on meeting_schedule (region_code);

alter table meeting add column schedule_id bigint references meeting_schedule (id);
alter table meeting add column schedule_on date;
create unique index meeting_schedule_on_key on meeting (schedule_id, schedule_on) where schedule_id is not null;
-- A regular meeting's figures (period, totals, per department, returns and withdrawals).
alter table meeting add column figures jsonb;
-- Returns for correction and withdrawals of a period, for those figures.
create index case_step_returns_idx on case_step (at) where event in ('request_correction', 'withdraw');

-- 联席会议制度: per region, a convener, deputy conveners, member units, an office at the approval
-- bureau and working groups with leads. A joint meeting is chaired by the convener or a deputy the
-- convener names when approving its agenda.
create table joint_meeting_system (
  region_code text primary key references region (code),
  name text not null check (length(name) between 4 and 100),
  convener_user_id bigint not null references app_user (id),
  deputy_user_ids bigint[] not null default '{}',
  office_unit_id bigint not null references unit (id),
  member_unit_ids bigint[] not null check (cardinality(member_unit_ids) between 1 and 60),
  -- [{ name, leadUserId, unitIds }]
  working_groups jsonb not null default '[]',
  version integer not null default 1,
  updated_by bigint not null references app_user (id),
  updated_at timestamptz not null default now()
);

alter table meeting add column chair_user_id bigint references app_user (id);
alter table meeting add column agenda_approved_by bigint references app_user (id);
alter table meeting add column agenda_approved_at timestamptz;
-- A correction of issued minutes in progress: its reason until the corrected version is issued.
alter table meeting add column correction_reason text check (length(correction_reason) between 2 and 200);

-- 议题申报: a member unit proposes a topic; the office accepts it onto the agenda or declines it.
create table meeting_topic_proposal (
  id bigint generated always as identity primary key,
  meeting_id bigint not null references meeting (id),
  unit_id bigint not null references unit (id),
  title text not null check (length(title) between 2 and 200),
  reason text not null default '' check (length(reason) <= 500),
  state text not null default 'proposed' check (state in ('proposed', 'accepted', 'declined')),
  proposed_by bigint not null references app_user (id),
  proposed_at timestamptz not null default now(),
  decided_by bigint references app_user (id),
  decided_at timestamptz,
  decline_reason text check (length(decline_reason) <= 200)
);
create index meeting_topic_proposal_meeting_idx on meeting_topic_proposal (meeting_id);

-- 会议材料: files sent with the notice to every invited unit.
create table meeting_material (
  id bigint generated always as identity primary key,
  meeting_id bigint not null references meeting (id),
  file_name text not null check (length(file_name) between 1 and 200),
  blob_hash text not null,
  content_type text not null,
  size integer not null,
  uploaded_by bigint not null references app_user (id),
  created_at timestamptz not null default now()
);
create index meeting_material_meeting_idx on meeting_material (meeting_id);

-- 纪要签收: each unit the issued minutes went to acknowledges receipt of that version.
create table meeting_minutes_receipt (
  id bigint generated always as identity primary key,
  meeting_id bigint not null references meeting (id),
  document_id bigint not null references document (id),
  unit_id bigint not null references unit (id),
  received_at timestamptz,
  received_by bigint references app_user (id),
  reminded_at timestamptz,
  unique (document_id, unit_id)
);
create index meeting_minutes_receipt_unit_idx on meeting_minutes_receipt (unit_id, meeting_id);
