-- Up Migration

-- No run stays running forever (issue 19). A foreground run lives in the process serving its request; a
-- background run in a job. When that process dies (SIGKILL, a lost machine) or its job is gone (its last
-- attempt died too), the run would stay queued or running. app.orphaned_executions() finds them for the
-- sweep (run.orphans.ts): live runs not written for longer than the lease, with no job of the queue still
-- waiting, retrying or running for them. It returns only their tenant and id (and whether they ran in the
-- background), which the sweep needs to take each up in that tenant's own transaction; it changes nothing.
create policy execution_logs_owner_orphans_read on execution_logs for select to map_owner
  using (status in ('queued', 'running'));
comment on policy execution_logs_owner_orphans_read on execution_logs is
  'Lets app.orphaned_executions() (SECURITY DEFINER) read the runs that are still queued or running.';

-- The sweep's scan: only live runs, by how long ago they were last written.
create index execution_logs_live_updated_at_idx on execution_logs (updated_at)
  where status in ('queued', 'running');

create function app.orphaned_executions(stale_seconds integer)
  returns table (tenant_id uuid, execution_id uuid, background boolean)
  language sql stable security definer
  set search_path = ''
  as $$
    select e.tenant_id, e.id, e.background
      from public.execution_logs e
     where e.status in ('queued', 'running')
       and stale_seconds >= 1
       and e.updated_at < now() - make_interval(secs => stale_seconds)
       and not exists (
             select 1 from pgboss.job j
              where j.name = 'jobs' and j.state in ('created', 'retry', 'active')
                and j.data ->> 'handler' = 'runs.execute'
                and j.data ->> 'tenant_id' = e.tenant_id::text
                and j.data -> 'data' ->> 'execution_id' = e.id::text)
     order by e.updated_at
     limit 100
  $$;
comment on function app.orphaned_executions(integer) is
  'Runs queued or running, not written for stale_seconds, with no live runs.execute job: their tenant and id only.';
revoke all on function app.orphaned_executions(integer) from public;
grant execute on function app.orphaned_executions(integer) to map_app;

-- Down Migration

drop function app.orphaned_executions(integer);
drop index execution_logs_live_updated_at_idx;
drop policy execution_logs_owner_orphans_read on execution_logs;
