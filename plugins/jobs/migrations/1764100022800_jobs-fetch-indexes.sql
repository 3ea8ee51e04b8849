-- Up Migration

-- The fair fetch (plugins/jobs/jobs.repo.ts) cost grew with the queue and with the queue's history:
--
-- - Its next job: the only index on queued jobs was pg-boss's i5, (name, start_after), so every fetch read
--   every queued job (and its heap row, for its tenant), then sorted them all to take the first. 6,000 queued:
--   ~10 ms per fetch, under the lock that serialises every worker's fetch.
-- - Its count of running jobs per tenant: the planner joined job_active_tenant_idx (no name in it) with the
--   primary key's entries of every job of the queue, done ones included, which stay until archived (pg-boss
--   archives a completed job after 12 hours). 200,000 done: ~10 ms more.
--
-- An index in the fetch's own order: the walk stops at the first job it may take (a busy tenant's queued jobs
-- are stepped over). The running-jobs index leads with the queue's name, as the count asks. Both measured on
-- 6,000 queued and 200,000 done: ~19 ms -> ~0.1 ms per fetch.
create index job_fetch_order_idx on pgboss.job (name, priority desc, created_on, id) where state < 'active';
comment on index pgboss.job_fetch_order_idx is
  'Not pg-boss''s: the fair fetch''s order over queued jobs (plugins/jobs/jobs.repo.ts), first eligible first.';

drop index pgboss.job_active_tenant_idx;
create index job_active_tenant_idx on pgboss.job (name, (data ->> 'tenant_id')) where state = 'active';
comment on index pgboss.job_active_tenant_idx is
  'Not pg-boss''s: the fair fetch''s count of running jobs per tenant (plugins/jobs/jobs.repo.ts).';

-- Down Migration

drop index pgboss.job_active_tenant_idx;
create index job_active_tenant_idx on pgboss.job ((data ->> 'tenant_id')) where state = 'active';
comment on index pgboss.job_active_tenant_idx is
  'Not pg-boss''s: the fair fetch''s count of running jobs per tenant (plugins/jobs/jobs.repo.ts).';
drop index pgboss.job_fetch_order_idx;
