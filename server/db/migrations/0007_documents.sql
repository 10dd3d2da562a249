-- Official documents (GB/T 9704) with gap-free numbers, content-addressed immutable files, and
-- seals (R-SEAL-*): the built-in provider's SM2 keys are stored SM4-encrypted.

-- Immutable file contents, addressed by their SM3 digest.
create table blob (
  hash text primary key check (hash ~ '^[0-9a-f]{64}$'),
  content_type text not null,
  size integer not null,
  content bytea not null,
  created_at timestamptz not null default now()
);

create table seal (
  id bigint generated always as identity primary key,
  unit_id bigint not null references unit (id),
  kind text not null check (kind in ('official', 'internal', 'business', 'personal')),
  name text not null check (length(name) between 2 and 40),
  provider text not null default 'builtin' check (provider in ('builtin', 'regional')),
  public_key text not null,
  private_key_enc text,
  status text not null default 'active' check (status in ('active', 'suspended', 'revoked')),
  valid_from date not null,
  valid_to date not null,
  replaced_by bigint references seal (id),
  created_by bigint references app_user (id),
  created_at timestamptz not null default now(),
  check (valid_to >= valid_from)
);
create index seal_unit_idx on seal (unit_id, status);

-- The last number taken per issuing unit, document kind and year; taken in the transaction that
-- creates the document, so a rolled-back document frees its number (gap-free, R-DOC-18).
create table document_counter (
  issuer_unit_id bigint not null references unit (id),
  kind text not null,
  year integer not null,
  last_number integer not null,
  primary key (issuer_unit_id, kind, year)
);

create table document (
  id bigint generated always as identity primary key,
  subject_type text not null,
  subject_id text not null,
  kind text not null,
  version integer not null default 1,
  issuer_unit_id bigint not null references unit (id),
  number text,
  number_year integer,
  number_seq integer,
  title text not null,
  issued_on date not null,
  pdf_hash text not null references blob (hash),
  docx_hash text references blob (hash),
  seal_id bigint references seal (id),
  signature text,
  signed_at timestamptz,
  created_by bigint references app_user (id),
  created_at timestamptz not null default now(),
  unique (issuer_unit_id, kind, number_year, number_seq),
  unique (subject_type, subject_id, kind, version)
);
create index document_subject_idx on document (subject_type, subject_id);
create index document_number_idx on document (number);
create index document_pdf_idx on document (pdf_hash);
