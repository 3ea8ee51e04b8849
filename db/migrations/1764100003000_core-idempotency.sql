-- Up Migration

-- Idempotency keys: the first request with a key runs and its answer is kept for 24 hours; a retry with
-- the same key and body gets that answer back instead of running again. Per tenant, under RLS like
-- every tenant table, so one tenant's keys never collide with or reveal another's.
create table idempotency_keys (
  tenant_id uuid not null default app.current_tenant_id() references tenants (id) on delete cascade,
  key text not null check (char_length(key) between 1 and 255),
  operation_id text not null,
  -- SHA-256 of the operation, path, query and canonical JSON body: the same key with another request is refused.
  request_hash bytea not null check (octet_length(request_hash) = 32),
  status text not null check (status in ('in_progress', 'completed')),
  response_status integer,
  response_headers jsonb,
  response_body jsonb,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  primary key (tenant_id, key)
);
comment on table idempotency_keys is
  'Answers to requests sent with an Idempotency-Key, kept 24 hours per tenant so retries do not run twice.';
alter table idempotency_keys enable row level security;
alter table idempotency_keys force row level security;
create policy idempotency_keys_tenant_isolation on idempotency_keys
  using (tenant_id = (select app.current_tenant_id()))
  with check (tenant_id = (select app.current_tenant_id()));
comment on policy idempotency_keys_tenant_isolation on idempotency_keys is
  'Reads and writes only keys of the tenant set for the transaction; nothing when no tenant is set.';
grant select, insert, update, delete on idempotency_keys to map_app;

-- Down Migration

drop table idempotency_keys;
