-- Login through a provincial identity platform (OIDC): the state of a login in progress, kept
-- server-side so that any app server can finish it.
create table oidc_login (
  state text primary key,
  nonce text not null,
  code_verifier text not null,
  created_at timestamptz not null default now()
);
