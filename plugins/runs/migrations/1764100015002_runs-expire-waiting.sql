-- Up Migration

-- A run waiting for client tool outputs past its expires_at becomes expired. The API does it lazily for the
-- run it reads; this function does it for every tenant at once, for the periodic sweep. map_app sees one
-- tenant at a time, so the function runs as the owner (SECURITY DEFINER), under two owner policies that
-- reach exactly the rows past their deadline and allow only the move to expired. It is safe to let map_app
-- call it: it takes no argument, returns only a count, and changes only status and updated_at of runs whose
-- deadline has passed, which is what any reader of such a run would write anyway.
-- An UPDATE that reads columns must see the row before and after under the SELECT policies: hence expired.
create policy execution_logs_owner_expire_read on execution_logs for select to map_owner
  using (status in ('requires_action', 'expired') and expires_at <= now());
comment on policy execution_logs_owner_expire_read on execution_logs is
  'Lets app.expire_waiting_executions() (SECURITY DEFINER) find the waiting runs past their deadline (and see them expired).';
create policy execution_logs_owner_expire on execution_logs for update to map_owner
  using (status = 'requires_action' and expires_at <= now())
  with check (status = 'expired');
comment on policy execution_logs_owner_expire on execution_logs is
  'Lets app.expire_waiting_executions() (SECURITY DEFINER) move those runs to expired, and nothing else.';

create function app.expire_waiting_executions() returns integer
  language plpgsql volatile security definer
  set search_path = ''
  as $$
  declare
    expired integer;
  begin
    update public.execution_logs
       set status = 'expired', updated_at = now()
     where status = 'requires_action' and expires_at <= now();
    get diagnostics expired = row_count;
    return expired;
  end
  $$;
comment on function app.expire_waiting_executions() is
  'Marks every requires_action run past its expires_at as expired; returns how many.';
revoke all on function app.expire_waiting_executions() from public;
grant execute on function app.expire_waiting_executions() to map_app;

-- Down Migration

drop function app.expire_waiting_executions();
drop policy execution_logs_owner_expire on execution_logs;
drop policy execution_logs_owner_expire_read on execution_logs;
