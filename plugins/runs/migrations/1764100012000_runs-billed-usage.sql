-- Up Migration

-- A run that did not complete (cancelled, timed out, failed after producing text) still cost something
-- at the provider; it is billed an estimate, and the execution says the usage is one.
alter table execution_logs add column usage_estimated boolean not null default false;
comment on column execution_logs.usage_estimated is
  'True when the provider did not report the usage (the run did not complete) and the tokens are estimated.';

-- Every model call now adds what it was billed to its month in budget_usage, budget or not, in the
-- transaction that records its execution; so `used` is the month's real total when a budget is set
-- mid-month, and the budget's reservation only tracks `reserved`. The code does it rather than a trigger on
-- execution_logs, because a run may make several model calls, each settled on its own.
comment on table budget_usage is
  'Monthly token and cost use per tenant (every execution, with or without a budget), and the reservations of runs in flight.';

-- The months so far counted only the runs of tenants with a budget: count every execution. Executions go
-- with their agent, so a row the old code kept may count more than the executions left: keep the greater.
-- RLS is forced on the owner too; the backfill sees every tenant's rows only while forcing is lifted,
-- inside this migration's transaction.
alter table execution_logs no force row level security;
alter table budget_usage no force row level security;
insert into budget_usage (tenant_id, period_start, tokens_used, cost_used_usd)
select tenant_id, (date_trunc('month', created_at at time zone 'UTC'))::date,
       sum(input_tokens + output_tokens), sum(cost_usd)
  from execution_logs
 group by 1, 2
on conflict (tenant_id, period_start) do update
  set tokens_used = greatest(budget_usage.tokens_used, excluded.tokens_used),
      cost_used_usd = greatest(budget_usage.cost_used_usd, excluded.cost_used_usd);
alter table execution_logs force row level security;
alter table budget_usage force row level security;

-- Down Migration

-- The recounted use stays: it is what the executions were billed.
comment on table budget_usage is
  'Monthly token and cost use per tenant, with reservations of runs in flight, for the budgets on tenants.';
alter table execution_logs drop column usage_estimated;
