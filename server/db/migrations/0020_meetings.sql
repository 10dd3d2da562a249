-- Meetings and minutes (会议与会议纪要, DOMAIN.md workflow 4). A meeting is convened by a center
-- with a numbered, sealed notice to the invited units, who acknowledge and name who attends; it is
-- held, its decisions (议定事项) are recorded with an owner and a due date, and its minutes are
-- approved by the chair (签发), numbered, sealed and issued. Each decision then becomes a tracked
-- commitment of the coordination request it answers.
create table meeting (
  id bigint generated always as identity primary key,
  region_code text not null references region (code),
  center_unit_id bigint not null references unit (id),
  kind text not null check (kind in ('special', 'regular', 'joint')),
  state text not null default 'draft'
    check (state in ('draft', 'convened', 'held', 'minutes_issued', 'cancelled')),
  title text not null check (length(title) between 4 and 100),
  starts_at timestamptz not null,
  place text not null check (length(place) between 2 and 100),
  chair text not null check (length(chair) between 2 and 60),
  urgent boolean not null default false,
  request_id bigint references coordination_request (id),
  notice_days integer not null default 2 check (notice_days between 0 and 10),
  notice_document_id bigint references document (id),
  minutes_summary text not null default '' check (length(minutes_summary) <= 5000),
  minutes_approved_by bigint references app_user (id),
  minutes_approved_at timestamptz,
  minutes_document_id bigint references document (id),
  cancel_reason text,
  -- Minutes and decisions as Chinese full text (jieba tokens), for precedents in triage.
  search tsvector,
  search_text text not null default '',
  created_by bigint not null references app_user (id),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index meeting_center_starts_idx on meeting (center_unit_id, starts_at);
create index meeting_region_starts_idx on meeting (region_code, starts_at);
create index meeting_request_idx on meeting (request_id) where request_id is not null;
create index meeting_search_idx on meeting using gin (search);

create table meeting_topic (
  id bigint generated always as identity primary key,
  meeting_id bigint not null references meeting (id),
  seq integer not null,
  title text not null check (length(title) between 2 and 200),
  request_id bigint references coordination_request (id),
  discussion text not null default '' check (length(discussion) <= 5000),
  unique (meeting_id, seq)
);

create table meeting_invitee (
  id bigint generated always as identity primary key,
  meeting_id bigint not null references meeting (id),
  unit_id bigint not null references unit (id),
  acknowledged_at timestamptz,
  acknowledged_by bigint references app_user (id),
  attendee text check (length(attendee) between 2 and 60),
  substitute boolean not null default false,
  reminded_at timestamptz,
  attendance text check (attendance in ('present', 'substitute', 'absent')),
  absence_reason text check (length(absence_reason) <= 200),
  unique (meeting_id, unit_id)
);
create index meeting_invitee_unit_idx on meeting_invitee (unit_id, meeting_id);

create table meeting_decision (
  id bigint generated always as identity primary key,
  meeting_id bigint not null references meeting (id),
  seq integer not null,
  topic_id bigint references meeting_topic (id),
  request_id bigint references coordination_request (id),
  content text not null check (length(content) between 2 and 500),
  owner_unit_id bigint not null references unit (id),
  co_owner_unit_ids bigint[] not null default '{}',
  due_days integer check (due_days between 1 and 365),
  due_on date,
  check ((due_days is null) <> (due_on is null)),
  unique (meeting_id, seq)
);

-- A commitment may come from a meeting's decision instead of a consultation's reply.
alter table coordination_commitment add column meeting_decision_id bigint references meeting_decision (id);
