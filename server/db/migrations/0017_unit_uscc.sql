-- A unit's 统一社会信用代码 (GB 32100): exchange records name the accepting, handling and issuing
-- units by it (GB/T 39046 *_uscc). Optional until each unit has entered its own; never shared.
alter table unit add column uscc text
  constraint unit_uscc_format check (uscc ~ '^[0-9A-HJ-NPQRTUWXY]{18}$');
create unique index unit_uscc_key on unit (uscc) where uscc is not null;
