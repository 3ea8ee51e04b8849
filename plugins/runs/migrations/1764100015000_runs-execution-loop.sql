-- Up Migration

-- Runs become a loop of model and tool steps (issue 15). The execution row is inserted when the run starts
-- (status running) and updated as the loop goes: it always carries the sum of its steps' tokens and cost, so
-- execution_counts (an insert trigger) and the usage and budget sums over execution_logs stay right.
alter table execution_logs drop constraint execution_logs_status_check;
alter table execution_logs add constraint execution_logs_status_check
  check (status in ('running', 'requires_action', 'completed', 'failed', 'incomplete', 'cancelled', 'expired'));

alter table execution_logs
  add column required_action jsonb,
  add column max_steps smallint check (max_steps between 1 and 32),
  add column steps_count integer not null default 0 check (steps_count >= 0),
  add column incomplete_reason text check (incomplete_reason in ('max_steps')),
  add column expires_at timestamptz,
  add column updated_at timestamptz,
  -- A waiting run says what it waits for and until when; only an incomplete run has a reason for it.
  add constraint execution_logs_waiting_check
    check (status <> 'requires_action' or (required_action is not null and expires_at is not null)),
  add constraint execution_logs_incomplete_check check ((status = 'incomplete') = (incomplete_reason is not null));
comment on column execution_logs.status is
  'running, requires_action (waits for client tool outputs), completed, failed, incomplete, cancelled, expired.';
comment on column execution_logs.required_action is
  'What a requires_action run waits for: {type: submit_tool_outputs, tool_calls: [{id, tool_id, name, arguments}]}.';
comment on column execution_logs.max_steps is 'The most model steps the run may take (null: recorded before the loop).';
comment on column execution_logs.steps_count is 'How many steps (model and tool) the run has recorded.';
comment on column execution_logs.incomplete_reason is 'Why an incomplete run stopped: max_steps.';
comment on column execution_logs.expires_at is 'When a requires_action run expires unless its tool outputs arrive.';
comment on column execution_logs.updated_at is 'When the loop last changed the row (null: recorded before the loop).';
comment on column execution_logs.tool_calls is 'Every tool call the model asked for, across steps: [{name, arguments}].';
comment on table execution_logs is
  'One row per agent run, updated by its loop; prompt, agent snapshot, model and creation time never change.';

-- The sweep finds the runs past their deadline across tenants, oldest deadline first.
create index execution_logs_waiting_expires_at_idx on execution_logs (expires_at, tenant_id)
  where status = 'requires_action';

-- map_app updates only what the loop changes: what was asked (prompt), of whom (agent, snapshot, model,
-- provider) and when (created_at) stay as they were inserted.
grant update (status, response, error, tool_calls, input_tokens, output_tokens, usage_estimated, cost_usd,
              latency_ms, required_action, steps_count, incomplete_reason, expires_at, updated_at)
  on execution_logs to map_app;

-- Down Migration

revoke update on execution_logs from map_app;
drop index execution_logs_waiting_expires_at_idx;
-- The old statuses cannot hold the runs of the loop: they go (RLS is forced on the owner too; every
-- tenant's rows are visible only while forcing is lifted, inside this migration's transaction).
alter table execution_logs no force row level security;
delete from execution_logs where status in ('running', 'requires_action', 'incomplete', 'expired');
alter table execution_logs force row level security;
alter table execution_logs
  drop constraint execution_logs_incomplete_check,
  drop constraint execution_logs_waiting_check,
  drop column updated_at,
  drop column expires_at,
  drop column incomplete_reason,
  drop column steps_count,
  drop column max_steps,
  drop column required_action;
alter table execution_logs drop constraint execution_logs_status_check;
alter table execution_logs add constraint execution_logs_status_check
  check (status in ('completed', 'failed', 'cancelled'));
comment on column execution_logs.status is null;
comment on column execution_logs.tool_calls is null;
comment on table execution_logs is
  'One row per agent run. Append-only for map_app; removed only with the agent or tenant it belongs to.';
