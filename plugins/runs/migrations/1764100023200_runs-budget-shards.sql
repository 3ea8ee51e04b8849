-- Up Migration

-- Every model call of a tenant added its use to the same budget_usage row (its month), and an update holds
-- its row's lock until COMMIT, which waits for its WAL flush: a tenant's concurrent runs queued on that row
-- one flush after another (pg_stat_statements, 10 concurrent runs of one tenant: 2-4 ms of each run in that
-- upsert, even with it sent with the COMMIT). A month now has up to 8 rows, a shard each:
--
-- - Shard 0 holds every reservation and the use of every reserved call (its release locks that row
--   already). Reserving stays one guarded UPDATE of it, adding the other shards' use to the check, so
--   parallel runs of a budgeted tenant still queue on one lock and cannot overspend together.
-- - A call made without a budget (nothing reserved) adds its use to a shard picked at random.
-- - Readers sum a month's shards (budget.repo.ts).
alter table budget_usage add column shard smallint not null default 0;
alter table budget_usage add constraint budget_usage_shard_check check (shard between 0 and 7);
alter table budget_usage drop constraint budget_usage_pkey;
alter table budget_usage add primary key (tenant_id, period_start, shard);
comment on column budget_usage.shard is
  'Which of the month''s rows: 0 holds reservations and reserved calls'' use; 1-7 (and 0) unbudgeted calls'' use.';

-- Down Migration

-- A month's shards folded into one row. RLS is forced on the owner too; lifted for this migration's
-- transaction only.
alter table budget_usage no force row level security;
create temporary table folded_budget_usage on commit drop as
  select tenant_id, period_start, sum(tokens_used)::bigint as tokens_used,
         sum(tokens_reserved)::bigint as tokens_reserved, sum(cost_used_usd) as cost_used_usd,
         sum(cost_reserved_usd) as cost_reserved_usd
    from budget_usage group by 1, 2;
delete from budget_usage;
alter table budget_usage drop constraint budget_usage_pkey;
alter table budget_usage drop constraint budget_usage_shard_check;
alter table budget_usage drop column shard;
alter table budget_usage add primary key (tenant_id, period_start);
insert into budget_usage (tenant_id, period_start, tokens_used, tokens_reserved, cost_used_usd, cost_reserved_usd)
  select tenant_id, period_start, tokens_used, tokens_reserved, cost_used_usd, cost_reserved_usd
    from folded_budget_usage;
alter table budget_usage force row level security;
