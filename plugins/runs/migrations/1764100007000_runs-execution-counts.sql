-- Up Migration

-- How many executions each agent has, kept by a trigger, so a history page's `total` is a sum of a few
-- rows instead of a count over a tenant's whole history (a million rows take a quarter second to count;
-- the bench showed it dominating every page). Counts go with their agent (and tenant), like the
-- executions: execution_logs rows are never deleted otherwise.
create table execution_counts (
  tenant_id uuid not null default app.current_tenant_id() references tenants (id) on delete cascade,
  agent_id uuid not null,
  executions bigint not null default 0 check (executions >= 0),
  primary key (tenant_id, agent_id),
  constraint execution_counts_agent_fkey foreign key (tenant_id, agent_id)
    references agents (tenant_id, id) on delete cascade
);
comment on table execution_counts is
  'Executions per agent, maintained by execution_logs_count (statement-level, in the inserting transaction).';
alter table execution_counts enable row level security;
alter table execution_counts force row level security;
create policy execution_counts_tenant_isolation on execution_counts
  using (tenant_id = (select app.current_tenant_id()))
  with check (tenant_id = (select app.current_tenant_id()));
comment on policy execution_counts_tenant_isolation on execution_counts is
  'Reads and writes only the counts of the tenant set for the transaction; nothing when no tenant is set.';
grant select, insert, update on execution_counts to map_app;

-- Runs as the inserting role (map_app under RLS, or the owner loading data with a tenant set): it counts
-- only rows that role could insert, into counts of the same tenant.
create function app.count_inserted_executions() returns trigger
  language plpgsql
  set search_path = ''
  as $$
  begin
    insert into public.execution_counts (tenant_id, agent_id, executions)
    select i.tenant_id, i.agent_id, count(*) from inserted i group by i.tenant_id, i.agent_id
    on conflict (tenant_id, agent_id) do update
      set executions = public.execution_counts.executions + excluded.executions;
    return null;
  end
  $$;
comment on function app.count_inserted_executions() is
  'Adds the rows a statement inserted into execution_logs to execution_counts.';
revoke all on function app.count_inserted_executions() from public;

create trigger execution_logs_count after insert on execution_logs
  referencing new table as inserted
  for each statement execute function app.count_inserted_executions();

-- The counts of the executions already there. RLS is forced on the owner too; the backfill sees every
-- tenant's rows only while forcing is lifted, inside this migration's transaction.
alter table execution_logs no force row level security;
alter table execution_counts no force row level security;
insert into execution_counts (tenant_id, agent_id, executions)
select tenant_id, agent_id, count(*) from execution_logs group by tenant_id, agent_id;
alter table execution_logs force row level security;
alter table execution_counts force row level security;

-- Down Migration

drop trigger execution_logs_count on execution_logs;
drop function app.count_inserted_executions();
drop table execution_counts;
