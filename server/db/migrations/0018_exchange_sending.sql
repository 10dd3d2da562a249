-- Sending a batch to the upstream platform (GB/T 39046): a job posts the stored file; the batch
-- keeps when it was received, the platform's receipt, and the last failure while retrying.
alter table exchange_batch
  add column sent_at timestamptz,
  add column receipt text,
  add column send_attempts integer not null default 0,
  add column last_error text;
-- Whether a batch has a send queued: looked up per batch on every list.
create index job_exchange_batch_idx on job ((payload->>'batchId')) where kind = 'exchange.send';
