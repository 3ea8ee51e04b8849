-- Up Migration

-- Per-tenant overrides of the rate quotas and the monthly budgets. NULL means the default (the quotas
-- from the environment) or no budget. Set by the owner (npm run tenant -- set-limits); a tenant reads
-- its own row only (tenants_self).
alter table tenants
  add column rate_limit_requests integer check (rate_limit_requests > 0),
  add column run_rate_limit_requests integer check (run_rate_limit_requests > 0),
  add column monthly_token_budget bigint check (monthly_token_budget > 0),
  add column monthly_cost_budget_usd numeric(14, 4) check (monthly_cost_budget_usd > 0);
comment on column tenants.rate_limit_requests is 'Requests per window for this tenant; NULL: RATE_LIMIT_REQUESTS.';
comment on column tenants.run_rate_limit_requests is 'Agent runs per window; NULL: RUN_RATE_LIMIT_REQUESTS.';
comment on column tenants.monthly_token_budget is 'Tokens (input + output) per calendar month (UTC); NULL: no budget.';
comment on column tenants.monthly_cost_budget_usd is 'US dollars per calendar month (UTC); NULL: no budget.';

-- Down Migration

alter table tenants
  drop column monthly_cost_budget_usd,
  drop column monthly_token_budget,
  drop column run_rate_limit_requests,
  drop column rate_limit_requests;
