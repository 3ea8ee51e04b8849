-- Up Migration

-- Every run of an agent added 1 to the same execution_counts row (the insert trigger), and an update holds
-- its row's lock until COMMIT, which waits for its WAL flush: a tenant's concurrent runs of one agent queued
-- on that row one flush after another (pg_stat_statements, 10 concurrent runs of one agent: 1.6-2.4 ms of
-- each run's execution row INSERT was that wait). The count of an agent is now kept in 8 rows, a shard
-- each, picked by the last byte of the execution's id (random in a v4 uuid); a history total sums them, as
-- it summed an agent's rows before.
alter table execution_counts add column shard smallint not null default 0;
alter table execution_counts add constraint execution_counts_shard_check check (shard between 0 and 7);
alter table execution_counts drop constraint execution_counts_pkey;
alter table execution_counts add primary key (tenant_id, agent_id, shard);
comment on column execution_counts.shard is
  'Which of the agent''s 8 rows: get_byte(uuid_send(id), 15) % 8 of the executions counted in it.';

create or replace function app.count_inserted_executions() returns trigger
  language plpgsql
  set search_path = ''
  as $$
  begin
    insert into public.execution_counts (tenant_id, agent_id, shard, executions)
    select i.tenant_id, i.agent_id, get_byte(uuid_send(i.id), 15) % 8, count(*)
      from inserted i
     group by 1, 2, 3
    on conflict (tenant_id, agent_id, shard) do update
      set executions = public.execution_counts.executions + excluded.executions;
    return null;
  end
  $$;

-- Down Migration

create or replace function app.count_inserted_executions() returns trigger
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

-- The shards of each agent folded into one row. RLS is forced on the owner too; lifted for this
-- migration's transaction only.
alter table execution_counts no force row level security;
create temporary table folded_execution_counts on commit drop as
  select tenant_id, agent_id, sum(executions)::bigint as executions from execution_counts group by 1, 2;
delete from execution_counts;
alter table execution_counts drop constraint execution_counts_pkey;
alter table execution_counts drop constraint execution_counts_shard_check;
alter table execution_counts drop column shard;
alter table execution_counts add primary key (tenant_id, agent_id);
insert into execution_counts (tenant_id, agent_id, executions)
  select tenant_id, agent_id, executions from folded_execution_counts;
alter table execution_counts force row level security;
