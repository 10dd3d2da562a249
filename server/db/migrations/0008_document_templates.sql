-- What an administrator may change in a region's document templates: the letterhead, the
-- signature, the number series character(s) and a closing paragraph (wording).
create table document_template (
  region_code text not null references region (code),
  kind text not null,
  issuer_mark text check (length(issuer_mark) between 2 and 40),
  signature_name text check (length(signature_name) between 2 and 40),
  number_series text check (number_series ~ '^[一-龥A-Za-z]{1,4}$'),
  closing text check (length(closing) between 2 and 500),
  version integer not null default 1,
  updated_by bigint references app_user (id),
  updated_at timestamptz not null default now(),
  primary key (region_code, kind)
);
