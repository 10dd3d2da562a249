-- The department queue orders open cases by warning level, then due date. Reading the level from
-- the deadline table meant touching every open case and its deadline on each request; the case row
-- now mirrors its deadline's dates (a trigger keeps them equal whenever the deadline is written,
-- including a calendar recomputation), so the queue is one index-only scan.
alter table service_case add column yellow_from date;

create function case_mirror_deadline() returns trigger language plpgsql as $$
begin
  if new.subject_type = 'case' then
    update service_case set promised_due = new.due_date, yellow_from = new.yellow_from
      where id = new.subject_id::bigint
        and (promised_due is distinct from new.due_date or yellow_from is distinct from new.yellow_from);
  end if;
  return null;
end;
$$;
create trigger deadline_mirror_case after insert or update of due_date, yellow_from on deadline
  for each row when (new.subject_type = 'case') execute function case_mirror_deadline();

create index service_case_queue_idx on service_case (department_id, promised_due, id)
  include (yellow_from) where state = 'in_review';
