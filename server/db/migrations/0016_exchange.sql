-- Incremental exports of case records to the upstream platform (GB/T 39046 表6–表8, R-CASE-7/8).
-- A batch covers the region's case steps after the previous batch; its file is kept (content-
-- addressed) so the same batch can be sent again byte for byte.
create table exchange_batch (
  id bigint generated always as identity primary key,
  region_code text not null references region (code),
  seq integer not null check (seq > 0),
  after_step_id bigint not null,
  to_step_id bigint not null,
  records integer not null,
  file_hash text not null references blob (hash),
  created_by bigint references app_user (id),
  created_at timestamptz not null default now(),
  unique (region_code, seq),
  check (to_step_id > after_step_id)
);
