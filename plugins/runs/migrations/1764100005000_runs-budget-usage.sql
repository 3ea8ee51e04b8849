-- Up Migration

-- What each tenant has spent, and has reserved for runs in flight, per calendar month (UTC). A run
-- reserves its worst case before the model is called; the reservation is settled to the real usage in the
-- same transaction that records the execution. Reserving is one guarded UPDATE of this row, so parallel
-- runs queue on its lock and cannot overspend a budget together.
create table budget_usage (
  tenant_id uuid not null default app.current_tenant_id() references tenants (id) on delete cascade,
  period_start date not null,
  tokens_used bigint not null default 0 check (tokens_used >= 0),
  tokens_reserved bigint not null default 0 check (tokens_reserved >= 0),
  cost_used_usd numeric(18, 8) not null default 0 check (cost_used_usd >= 0),
  cost_reserved_usd numeric(18, 8) not null default 0 check (cost_reserved_usd >= 0),
  primary key (tenant_id, period_start)
);
comment on table budget_usage is
  'Monthly token and cost use per tenant, with reservations of runs in flight, for the budgets on tenants.';
alter table budget_usage enable row level security;
alter table budget_usage force row level security;
create policy budget_usage_tenant_isolation on budget_usage
  using (tenant_id = (select app.current_tenant_id()))
  with check (tenant_id = (select app.current_tenant_id()));
comment on policy budget_usage_tenant_isolation on budget_usage is
  'Reads and writes only the usage of the tenant set for the transaction; nothing when no tenant is set.';
grant select, insert, update on budget_usage to map_app;

-- Down Migration

drop table budget_usage;
