-- Up Migration

-- Background runs (issue 19): a run can be queued for a worker (status queued), cancelled from another
-- request or process (cancel_requested_at), and taken up again by another worker after a crash, which then
-- releases the budget its lost model call still held (reservation).
alter table execution_logs drop constraint execution_logs_status_check;
alter table execution_logs add constraint execution_logs_status_check
  check (status in ('queued', 'running', 'requires_action', 'completed', 'failed', 'incomplete', 'cancelled',
                    'expired'));

alter table execution_logs
  add column background boolean not null default false,
  add column cancel_requested_at timestamptz,
  add column reservation jsonb,
  -- Only a background run waits in the queue.
  add constraint execution_logs_queued_check check (status <> 'queued' or background);
comment on column execution_logs.status is
  'queued (a background run no worker has taken yet), running, requires_action (waits for client tool outputs), completed, failed, incomplete, cancelled, expired.';
comment on column execution_logs.background is 'Run by a worker of the job queue, not in the request that started it.';
comment on column execution_logs.cancel_requested_at is
  'When POST /executions/{id}/cancel asked a running run to stop; the run is cancelled once its current call has.';
comment on column execution_logs.reservation is
  'The budget held for the model call in flight ({amount: {tokens, costUsd}, periodStart}); null between calls.';

grant update (cancel_requested_at, reservation) on execution_logs to map_app;

-- Down Migration

revoke update (cancel_requested_at, reservation) on execution_logs from map_app;
alter table execution_logs no force row level security;
delete from execution_logs where status = 'queued';
alter table execution_logs force row level security;
alter table execution_logs
  drop constraint execution_logs_queued_check,
  drop column reservation,
  drop column cancel_requested_at,
  drop column background;
alter table execution_logs drop constraint execution_logs_status_check;
alter table execution_logs add constraint execution_logs_status_check
  check (status in ('running', 'requires_action', 'completed', 'failed', 'incomplete', 'cancelled', 'expired'));
