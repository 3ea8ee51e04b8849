-- Up Migration

-- Every model call and every tool call of a run, in order: the run's full-replay audit trail and its
-- checkpoint. Each step is written in a short transaction of its own; a run waiting for client tool outputs
-- continues from these rows (the conversation is rebuilt from them), so a restart loses nothing.
create table execution_steps (
  tenant_id uuid not null default app.current_tenant_id() references tenants (id) on delete cascade,
  execution_id uuid not null,
  index integer not null check (index between 0 and 100000),
  type text not null check (type in ('model', 'tool')),
  status text not null check (status in ('running', 'waiting', 'completed', 'failed', 'cancelled')),
  -- Tool steps: the tool (null when the model named no tool of the agent, or the tool was deleted since),
  -- the name and call id the model used, its arguments as produced, and the output or the error.
  tool_id uuid,
  tool_name text check (char_length(tool_name) <= 1000),
  tool_call_id text check (char_length(tool_call_id) <= 1000),
  arguments text,
  output jsonb,
  error jsonb,
  -- Model steps: the text and the tool calls ([{id, name, arguments}]) the model answered, and their cost.
  text text,
  tool_calls jsonb,
  input_tokens integer not null default 0 check (input_tokens >= 0),
  output_tokens integer not null default 0 check (output_tokens >= 0),
  usage_estimated boolean not null default false,
  cost_usd numeric(14, 8) not null default 0 check (cost_usd >= 0),
  latency_ms integer not null default 0 check (latency_ms >= 0),
  started_at timestamptz not null default now(),
  completed_at timestamptz,
  primary key (tenant_id, execution_id, index),
  constraint execution_steps_execution_fkey foreign key (tenant_id, execution_id)
    references execution_logs (tenant_id, id) on delete cascade,
  -- A step can only name a tool of its own tenant; deleting the tool keeps the step (and its name).
  constraint execution_steps_tool_fkey foreign key (tenant_id, tool_id)
    references tools (tenant_id, id) on delete set null (tool_id),
  constraint execution_steps_tool_call_check
    check (type = 'model' or (tool_name is not null and tool_call_id is not null and arguments is not null))
);
comment on table execution_steps is
  'The steps of a run (model calls and tool calls), in index order; written as the loop goes.';
comment on column execution_steps.index is 'The step''s place in its run, from 0.';
comment on column execution_steps.status is
  'running, waiting (a client tool call waiting for its output), completed, failed, cancelled.';
comment on column execution_steps.tool_id is 'The tool called (tool steps); null for an unknown name or a deleted tool.';
comment on column execution_steps.arguments is 'A tool call''s arguments as the model produced them (JSON text, maybe invalid).';
comment on column execution_steps.output is 'A completed tool call''s output (JSON).';
comment on column execution_steps.error is 'A failed step''s error: {code, message} (tool) or the problem (model).';
comment on column execution_steps.text is 'A model step''s text.';
comment on column execution_steps.tool_calls is 'A model step''s tool calls: [{id, name, arguments}].';
-- Deleting a tool sets its id to null in the steps that name it: this index finds them.
create index execution_steps_tenant_id_tool_id_idx on execution_steps (tenant_id, tool_id)
  where tool_id is not null;
alter table execution_steps enable row level security;
alter table execution_steps force row level security;
create policy execution_steps_tenant_isolation on execution_steps
  using (tenant_id = (select app.current_tenant_id()))
  with check (tenant_id = (select app.current_tenant_id()));
comment on policy execution_steps_tenant_isolation on execution_steps is
  'Reads and writes only the steps of the tenant set for the transaction; nothing when no tenant is set.';
-- Steps are written once and then only finish: what was called, with what, never changes.
grant select, insert on execution_steps to map_app;
grant update (status, output, error, latency_ms, completed_at) on execution_steps to map_app;

-- Down Migration

drop table execution_steps;
