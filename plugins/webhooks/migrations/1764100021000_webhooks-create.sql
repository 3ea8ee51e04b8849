-- Up Migration

-- Webhook endpoints of a tenant (issue 19): where run events are POSTed, signed per Standard Webhooks with
-- the endpoint's secret. The secret is stored encrypted by the secrets plugin's keyring (AES-256-GCM under a
-- tenant key, AAD naming the webhook), shown once when the endpoint is made and never again.
create table webhooks (
  tenant_id uuid not null default app.current_tenant_id() references tenants (id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  url text not null check (char_length(url) between 1 and 2048),
  events text[] not null check (cardinality(events) between 1 and 20),
  secret_ciphertext bytea not null,
  enabled boolean not null default true,
  -- receiver_gone: the receiver answered 410 Gone; manual: PATCH enabled=false.
  disabled_reason text check (disabled_reason in ('receiver_gone', 'manual')),
  disabled_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  check (enabled = (disabled_reason is null))
);
comment on table webhooks is
  'Webhook endpoints of a tenant: the run event types each receives; its signing secret encrypted (never shown again).';
comment on column webhooks.secret_ciphertext is
  'The Standard Webhooks signing secret (whsec_...), encrypted by the secrets keyring under the name webhook:<id>.';
comment on column webhooks.events is 'The run event types delivered to the endpoint (execution.completed, ...).';
create index webhooks_tenant_id_created_at_idx on webhooks (tenant_id, created_at desc, id desc);
alter table webhooks enable row level security;
alter table webhooks force row level security;
create policy webhooks_tenant_isolation on webhooks
  using (tenant_id = (select app.current_tenant_id()))
  with check (tenant_id = (select app.current_tenant_id()));
comment on policy webhooks_tenant_isolation on webhooks is
  'Reads and writes only the webhooks of the tenant set for the transaction; nothing when no tenant is set.';
grant select, insert, delete on webhooks to map_app;
grant update (url, events, enabled, disabled_reason, disabled_at, updated_at) on webhooks to map_app;

-- One row per (webhook, event): what was sent and how its attempts went. The unique key makes a repeated
-- delivery of the same run event (at least once) add nothing.
create table webhook_deliveries (
  tenant_id uuid not null default app.current_tenant_id() references tenants (id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  webhook_id uuid not null,
  -- <execution id>:<seq> for a run event, test:<uuid> for POST /webhooks/{id}/test.
  event_id text not null check (char_length(event_id) between 1 and 200),
  event_type text not null check (char_length(event_type) between 1 and 100),
  execution_id uuid,
  -- The body POSTed on every attempt: { type, timestamp, data }.
  payload jsonb not null,
  status text not null default 'pending' check (status in ('pending', 'succeeded', 'failed')),
  attempts integer not null default 0 check (attempts >= 0),
  last_status_code integer check (last_status_code between 100 and 599),
  last_error_code text check (char_length(last_error_code) between 1 and 100),
  last_error text check (char_length(last_error) between 1 and 1000),
  last_attempt_at timestamptz,
  next_attempt_at timestamptz,
  -- Failed attempts are retried until then (WEBHOOK_RETRY_WINDOW_SECONDS after it was made or redelivered).
  retry_until timestamptz not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  constraint webhook_deliveries_event_key unique (tenant_id, webhook_id, event_id),
  constraint webhook_deliveries_webhook_fkey foreign key (tenant_id, webhook_id)
    references webhooks (tenant_id, id) on delete cascade,
  -- The log outlives the run (deleted with its agent): the delivery then names none.
  constraint webhook_deliveries_execution_fkey foreign key (tenant_id, execution_id)
    references execution_logs (tenant_id, id) on delete set null (execution_id)
);
comment on table webhook_deliveries is
  'Each event sent to a webhook: its payload, status, attempts and last error (the delivery log).';
comment on column webhook_deliveries.execution_id is
  'The run the event is about; null for a test event, or once the run is deleted with its agent.';
create index webhook_deliveries_tenant_id_webhook_id_created_at_idx
  on webhook_deliveries (tenant_id, webhook_id, created_at desc, id desc);
-- Deleting an agent (its runs) finds their deliveries through this index instead of scanning.
create index webhook_deliveries_tenant_id_execution_id_idx on webhook_deliveries (tenant_id, execution_id);
alter table webhook_deliveries enable row level security;
alter table webhook_deliveries force row level security;
create policy webhook_deliveries_tenant_isolation on webhook_deliveries
  using (tenant_id = (select app.current_tenant_id()))
  with check (tenant_id = (select app.current_tenant_id()));
comment on policy webhook_deliveries_tenant_isolation on webhook_deliveries is
  'Reads and writes only the deliveries of the tenant set for the transaction; nothing when no tenant is set.';
-- Removed only with their webhook (or tenant), by cascade.
grant select, insert on webhook_deliveries to map_app;
grant update (status, attempts, last_status_code, last_error_code, last_error, last_attempt_at,
  next_attempt_at, retry_until, updated_at) on webhook_deliveries to map_app;

-- Down Migration

drop table webhook_deliveries;
drop table webhooks;
