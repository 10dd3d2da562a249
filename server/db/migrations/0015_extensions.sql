-- 延长审批 (R-CASE-4, 行政许可法 Art. 42): an approved extension adds working days to a deadline
-- instead of stopping its clock.
create table deadline_extension (
  id bigint generated always as identity primary key,
  deadline_id bigint not null references deadline (id) on delete cascade,
  days integer not null check (days between 1 and 60),
  reason text not null check (length(reason) between 2 and 500),
  created_by bigint references app_user (id),
  created_at timestamptz not null default now()
);
create index deadline_extension_deadline_idx on deadline_extension (deadline_id);

-- Working days a case's deadline was extended by (at most once per case).
alter table service_case add column extended_days integer not null default 0 check (extended_days >= 0);

-- Natural-day limits (R-CAT-1): a deadline counts working days (行政许可法 Art. 82) unless its item
-- states 自然日.
alter table deadline add column day_unit text not null default 'working' check (day_unit in ('working', 'natural'));
