-- Up Migration

-- The catalog: tools, agents, and the links between them. Every table carries tenant_id, forces
-- row-level security, and keys every unique and foreign key by tenant_id.

create table tools (
  id uuid not null default gen_random_uuid(),
  tenant_id uuid not null default app.current_tenant_id() references tenants (id) on delete cascade,
  name text not null check (char_length(name) between 1 and 100),
  description text not null check (char_length(description) between 1 and 1000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  -- Per tenant, so a name taken by another tenant is never a conflict (no unique-constraint side channel).
  constraint tools_tenant_id_name_key unique (tenant_id, name)
);
comment on table tools is 'Capabilities an agent can be given. One tenant''s tools are invisible to every other tenant.';
create index tools_tenant_id_created_at_idx on tools (tenant_id, created_at desc, id desc);
alter table tools enable row level security;
alter table tools force row level security;
create policy tools_tenant_isolation on tools
  using (tenant_id = (select app.current_tenant_id()))
  with check (tenant_id = (select app.current_tenant_id()));
comment on policy tools_tenant_isolation on tools is
  'Reads and writes only rows of the tenant set for the transaction; nothing when no tenant is set.';
grant select, insert, update, delete on tools to map_app;

create table agents (
  id uuid not null default gen_random_uuid(),
  tenant_id uuid not null default app.current_tenant_id() references tenants (id) on delete cascade,
  name text not null check (char_length(name) between 1 and 100),
  role text not null check (char_length(role) between 1 and 100),
  description text not null check (char_length(description) between 1 and 1000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  constraint agents_tenant_id_name_key unique (tenant_id, name)
);
comment on table agents is 'Agents of a tenant: a name, a role and a description, linked to tools through agent_tools.';
create index agents_tenant_id_created_at_idx on agents (tenant_id, created_at desc, id desc);
alter table agents enable row level security;
alter table agents force row level security;
create policy agents_tenant_isolation on agents
  using (tenant_id = (select app.current_tenant_id()))
  with check (tenant_id = (select app.current_tenant_id()));
comment on policy agents_tenant_isolation on agents is
  'Reads and writes only rows of the tenant set for the transaction; nothing when no tenant is set.';
grant select, insert, update, delete on agents to map_app;

create table agent_tools (
  tenant_id uuid not null default app.current_tenant_id(),
  agent_id uuid not null,
  tool_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, agent_id, tool_id),
  -- Foreign-key checks do not see row-level security. Keyed by tenant_id, the database itself refuses a
  -- link from one tenant's agent to another tenant's tool, even if a service forgot to check.
  constraint agent_tools_agent_fkey foreign key (tenant_id, agent_id)
    references agents (tenant_id, id) on delete cascade,
  constraint agent_tools_tool_fkey foreign key (tenant_id, tool_id)
    references tools (tenant_id, id) on delete restrict
);
comment on table agent_tools is
  'Which tools an agent may use. Deleting an agent removes its links; a linked tool cannot be deleted.';
create index agent_tools_tenant_id_tool_id_idx on agent_tools (tenant_id, tool_id);
alter table agent_tools enable row level security;
alter table agent_tools force row level security;
create policy agent_tools_tenant_isolation on agent_tools
  using (tenant_id = (select app.current_tenant_id()))
  with check (tenant_id = (select app.current_tenant_id()));
comment on policy agent_tools_tenant_isolation on agent_tools is
  'Reads and writes only links of the tenant set for the transaction; nothing when no tenant is set.';
grant select, insert, delete on agent_tools to map_app;

-- Down Migration

drop table agent_tools;
drop table agents;
drop table tools;
