-- Up Migration

-- The example plugin's one table: the pattern every tenant table follows.
create table example_notes (
  id uuid not null default gen_random_uuid(),
  -- Defaults to the transaction's tenant, so inserts need not name it; RLS checks it either way.
  tenant_id uuid not null default app.current_tenant_id() references tenants (id) on delete cascade,
  title text not null check (char_length(title) between 1 and 100),
  body text not null check (char_length(body) between 0 and 2000),
  -- A row of another plugin's table (catalog's agents): optional, and forgotten when the agent is deleted.
  agent_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- Every key starts with tenant_id: isolation for foreign keys, and room to shard by tenant later.
  primary key (tenant_id, id),
  -- Composite, so a note can only name an agent of its own tenant (a foreign key check does not see RLS).
  -- `set null (agent_id)`, not plain `set null`: that would null tenant_id too, and the agent's delete
  -- would fail on the not-null constraint.
  constraint example_notes_agent_fkey foreign key (tenant_id, agent_id)
    references agents (tenant_id, id) on delete set null (agent_id)
);
comment on table example_notes is 'Notes of the example plugin; a template for new tenant tables.';
comment on column example_notes.agent_id is 'The agent the note is about, if any; null once that agent is deleted.';
create index example_notes_tenant_id_created_at_idx on example_notes (tenant_id, created_at desc, id desc);
-- Deleting an agent finds its notes through this index instead of scanning the tenant's notes.
create index example_notes_tenant_id_agent_id_idx on example_notes (tenant_id, agent_id);
alter table example_notes enable row level security;
alter table example_notes force row level security;
create policy example_notes_tenant_isolation on example_notes
  using (tenant_id = (select app.current_tenant_id()))
  with check (tenant_id = (select app.current_tenant_id()));
comment on policy example_notes_tenant_isolation on example_notes is
  'Reads and writes only rows of the tenant set for the transaction; nothing when no tenant is set.';
grant select, insert, update, delete on example_notes to map_app;

-- Down Migration

drop table example_notes;
