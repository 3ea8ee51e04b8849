-- Up Migration

-- audit_events.tenant_id has no foreign key on purpose; the RLS audit flags every uuid *_id column of a
-- tenant table that no foreign key covers unless its comment says why (and lists it in the report).
comment on column audit_events.tenant_id is
  'No foreign key: the events of a deleted tenant stay in the log, and events of no tenant (an unknown key) are null.';

-- Down Migration

comment on column audit_events.tenant_id is null;
