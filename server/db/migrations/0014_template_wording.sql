-- A region's rewording of a template's fixed sentences, by slot key (checked by the service against
-- the template's slots and placeholders); empty means the defaults.
alter table document_template
  add column wording jsonb not null default '{}'::jsonb check (jsonb_typeof(wording) = 'object');
