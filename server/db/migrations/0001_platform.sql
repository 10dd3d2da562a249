-- Platform tables that carry no domain rules.

-- Replays of unsafe requests (Idempotency-Key): one row per actor and key.
create table idempotency_key (
  actor text not null,
  key text not null,
  method text not null,
  path text not null,
  request_hash text not null,
  status_code integer,
  response_body text,
  created_at timestamptz not null default now(),
  primary key (actor, key)
);
create index idempotency_key_created_at_idx on idempotency_key (created_at);
