-- Up Migration

-- The durable event log of every run (issue 19): the events its stream shows (execution.created,
-- step.created, response.delta, tool_call.*, the final execution.* event), numbered from 1 without gaps in
-- the order they were emitted, continuing across a requires_action pause. A run appends them in the
-- transactions its loop already sends (streamed deltas also in short flushes of their own); the final event
-- is written in the transaction that records the final status, so a finished run's log is complete.
-- GET /executions/{id}/events replays it and tails it live (NOTIFY map_execution_events on each append).
create table execution_events (
  tenant_id uuid not null default app.current_tenant_id() references tenants (id) on delete cascade,
  execution_id uuid not null,
  seq integer not null check (seq >= 1),
  type text not null check (char_length(type) between 1 and 100),
  data jsonb not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, execution_id, seq),
  constraint execution_events_execution_fkey foreign key (tenant_id, execution_id)
    references execution_logs (tenant_id, id) on delete cascade
);
comment on table execution_events is
  'The events of each run in emission order (its replayable log); append-only for map_app.';
comment on column execution_events.seq is
  'The event''s place in its run, from 1, gapless; the SSE id a client resumes from (Last-Event-ID).';
comment on column execution_events.type is 'The event name (execution.created, response.delta, ...).';
comment on column execution_events.data is 'The event''s data, as streamed (its schema: x-sse-events in openapi.yaml).';
alter table execution_events enable row level security;
alter table execution_events force row level security;
create policy execution_events_tenant_isolation on execution_events
  using (tenant_id = (select app.current_tenant_id()))
  with check (tenant_id = (select app.current_tenant_id()));
comment on policy execution_events_tenant_isolation on execution_events is
  'Reads and appends only the events of the tenant set for the transaction; nothing when no tenant is set.';
-- Appended and read; never changed. Deleted only by the retention sweep (below) or by cascade.
grant select, insert on execution_events to map_app;

-- Retention: the events of runs finished more than retention_days ago go, for every tenant at once. map_app
-- sees one tenant at a time, so, like app.expire_waiting_executions(), the function runs as the owner
-- (SECURITY DEFINER, search_path pinned) under owner policies that reach only the events of finished runs
-- (and those runs' rows, to see that they are finished). It returns only a count. It refuses a retention
-- under one day: what map_app can do through it is shorten the retention of finished runs' events, which are
-- a copy of what the executions and their steps keep.
create policy execution_logs_owner_finished_read on execution_logs for select to map_owner
  using (status in ('completed', 'failed', 'incomplete', 'cancelled', 'expired'));
comment on policy execution_logs_owner_finished_read on execution_logs is
  'Lets app.delete_old_execution_events() (SECURITY DEFINER) see which runs are finished, and when.';
create policy execution_events_owner_retention_read on execution_events for select to map_owner
  using (exists (select 1 from execution_logs e
                  where e.tenant_id = execution_events.tenant_id and e.id = execution_events.execution_id
                    and e.status in ('completed', 'failed', 'incomplete', 'cancelled', 'expired')));
comment on policy execution_events_owner_retention_read on execution_events is
  'Lets app.delete_old_execution_events() (SECURITY DEFINER) find the events of finished runs.';
create policy execution_events_owner_retention on execution_events for delete to map_owner
  using (exists (select 1 from execution_logs e
                  where e.tenant_id = execution_events.tenant_id and e.id = execution_events.execution_id
                    and e.status in ('completed', 'failed', 'incomplete', 'cancelled', 'expired')));
comment on policy execution_events_owner_retention on execution_events is
  'Lets app.delete_old_execution_events() (SECURITY DEFINER) delete the events of finished runs, and no others.';

create function app.delete_old_execution_events(retention_days integer) returns integer
  language plpgsql volatile security definer
  set search_path = ''
  as $$
  declare
    deleted integer;
  begin
    if retention_days is null or retention_days < 1 then
      raise exception 'retention_days must be at least 1' using errcode = '22023';
    end if;
    delete from public.execution_events ev
     using public.execution_logs e
     where e.tenant_id = ev.tenant_id and e.id = ev.execution_id
       and e.status in ('completed', 'failed', 'incomplete', 'cancelled', 'expired')
       and coalesce(e.updated_at, e.created_at) < now() - make_interval(days => retention_days);
    get diagnostics deleted = row_count;
    return deleted;
  end
  $$;
comment on function app.delete_old_execution_events(integer) is
  'Deletes the events of every run finished more than retention_days (>= 1) ago; returns how many.';
revoke all on function app.delete_old_execution_events(integer) from public;
grant execute on function app.delete_old_execution_events(integer) to map_app;

-- Down Migration

drop function app.delete_old_execution_events(integer);
drop policy execution_logs_owner_finished_read on execution_logs;
drop table execution_events;
