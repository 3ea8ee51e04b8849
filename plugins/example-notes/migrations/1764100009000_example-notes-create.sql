-- Up Migration

-- The example plugin's one table: the pattern every tenant table follows.
create table example_notes (
  id uuid not null default gen_random_uuid(),
  -- Defaults to the transaction's tenant, so inserts need not name it; RLS checks it either way.
  tenant_id uuid not null default app.current_tenant_id() references tenants (id) on delete cascade,
  title text not null check (char_length(title) between 1 and 100),
  body text not null check (char_length(body) between 0 and 2000),
  created_at timestamptz not null default now(),
  -- Every key starts with tenant_id: isolation for foreign keys, and room to shard by tenant later.
  primary key (tenant_id, id)
);
comment on table example_notes is 'Notes of the example plugin; a template for new tenant tables.';
create index example_notes_tenant_id_created_at_idx on example_notes (tenant_id, created_at desc, id desc);
alter table example_notes enable row level security;
alter table example_notes force row level security;
create policy example_notes_tenant_isolation on example_notes
  using (tenant_id = (select app.current_tenant_id()))
  with check (tenant_id = (select app.current_tenant_id()));
comment on policy example_notes_tenant_isolation on example_notes is
  'Reads and writes only rows of the tenant set for the transaction; nothing when no tenant is set.';
grant select, insert, delete on example_notes to map_app;

-- Down Migration

drop table example_notes;
