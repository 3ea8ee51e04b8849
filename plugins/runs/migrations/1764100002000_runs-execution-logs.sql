-- Up Migration

-- Every agent run, completed or failed, for audit and history. Immutable for the API: map_app may insert
-- and read but not update or delete; rows go only with their agent (or tenant), by cascade.

create table execution_logs (
  id uuid not null default gen_random_uuid(),
  tenant_id uuid not null default app.current_tenant_id() references tenants (id) on delete cascade,
  agent_id uuid not null,
  -- The agent as it ran: name, role, description and tools (ids and names), so history stays true after edits.
  agent_snapshot jsonb not null,
  model text not null check (char_length(model) between 1 and 200),
  provider text not null check (char_length(provider) between 1 and 50),
  prompt text not null check (char_length(prompt) between 1 and 10000),
  response text,
  status text not null check (status in ('completed', 'failed', 'cancelled')),
  error jsonb,
  tool_calls jsonb,
  input_tokens integer not null default 0 check (input_tokens >= 0),
  output_tokens integer not null default 0 check (output_tokens >= 0),
  cost_usd numeric(14, 8) not null default 0 check (cost_usd >= 0),
  latency_ms integer not null default 0 check (latency_ms >= 0),
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  constraint execution_logs_agent_fkey foreign key (tenant_id, agent_id)
    references agents (tenant_id, id) on delete cascade
);
comment on table execution_logs is
  'One row per agent run. Append-only for map_app; removed only with the agent or tenant it belongs to.';
-- History pages walk this index in order: newest first, id as the tie-breaker for keyset cursors.
create index execution_logs_tenant_id_created_at_idx on execution_logs (tenant_id, created_at desc, id desc);
create index execution_logs_tenant_id_agent_id_created_at_idx
  on execution_logs (tenant_id, agent_id, created_at desc, id desc);
alter table execution_logs enable row level security;
alter table execution_logs force row level security;
create policy execution_logs_tenant_isolation on execution_logs
  using (tenant_id = (select app.current_tenant_id()))
  with check (tenant_id = (select app.current_tenant_id()));
comment on policy execution_logs_tenant_isolation on execution_logs is
  'Reads and inserts only rows of the tenant set for the transaction; nothing when no tenant is set.';
grant select, insert on execution_logs to map_app;

-- Down Migration

drop table execution_logs;
