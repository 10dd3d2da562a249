-- Tamper-evident audit log (R-SEC-3). Rows are inserted by the transaction that makes the change;
-- a sealer assigns each committed row its place in one SM3 hash chain (chain_seq, prev_hash, hash).
-- Writers never wait on each other: only the sealer is serialised.
create table audit_event (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor_kind text not null check (actor_kind in ('staff', 'enterprise', 'system', 'anonymous')),
  actor_id bigint,
  actor_name text,
  unit_id bigint,
  action text not null,
  target_type text,
  target_id text,
  outcome text not null check (outcome in ('success', 'denied', 'failure')),
  summary jsonb not null default '{}',
  ip text,
  user_agent text,
  request_id text,
  chain_seq bigint unique,
  prev_hash text,
  hash text
);
create index audit_event_unsealed_idx on audit_event (id) where chain_seq is null;
create index audit_event_actor_idx on audit_event (actor_kind, actor_id, id);
create index audit_event_target_idx on audit_event (target_type, target_id, id);
create index audit_event_action_idx on audit_event (action, id);
create index audit_event_at_idx on audit_event (at, id);

-- Append-only: no delete; the only update allowed is sealing an unsealed row once.
create function audit_event_append_only() returns trigger language plpgsql as $$
begin
  if tg_op in ('DELETE', 'TRUNCATE') then
    raise exception '审计日志只可追加，不可删除' using errcode = 'insufficient_privilege';
  end if;
  if old.chain_seq is not null
     or new.chain_seq is null
     or (to_jsonb(new) - 'chain_seq' - 'prev_hash' - 'hash') <> (to_jsonb(old) - 'chain_seq' - 'prev_hash' - 'hash') then
    raise exception '审计日志只可追加，不可修改' using errcode = 'insufficient_privilege';
  end if;
  return new;
end $$;

create trigger audit_event_append_only before update or delete on audit_event
  for each row execute function audit_event_append_only();
create trigger audit_event_no_truncate before truncate on audit_event
  for each statement execute function audit_event_append_only();
