-- Up Migration

-- Every tenant's jobs share pgboss.job and pgboss.archive (pg-boss's tables: no tenant_id column; a job's tenant
-- is data ->> 'tenant_id'). Until now map_app read and wrote them without row-level security, so a transaction
-- pinned to tenant B could read tenant A's jobs (execution and version ids, outputs), delete them, or insert a
-- job carrying A's tenant_id, which a worker then ran in A's tenant. RLS, forced, closes that:
--
-- - A transaction pinned to a tenant (inTenantTransaction: every request, every job handler, every enqueue)
--   sees, changes and inserts only its own tenant's jobs.
-- - A statement with no tenant set is the queue's own work, which must see every tenant's jobs: the fair fetch
--   and the release at shutdown (plugins/jobs/jobs.repo.ts), and pg-boss's complete, fail, expiry, archive and
--   drop (plugins/jobs/pgboss-db.ts poolDb), all run on the pool outside any tenant transaction. pg-boss's fail
--   and expiry delete a job and insert it again (retry or failed; failJobs in pg-boss's src/plans.js) and its
--   archive inserts into pgboss.archive, so the no-tenant case must insert too. The rows it inserts are rows it
--   just deleted, with their data (and tenant_id) unchanged; only the tenant-pinned enqueue makes new ones.
-- - app.current_tenant_id() is NULL both when the setting was never set and when it is '' (what a
--   transaction-local set_config leaves on the connection after commit): both mean "no tenant".
--
-- The initplan `(select app.current_tenant_id())` is evaluated once per statement; with no tenant it is NULL
-- and the OR is true for every row, so the queue's statements keep their plans (partial indexes on state).
alter table pgboss.job enable row level security;
alter table pgboss.job force row level security;
alter table pgboss.archive enable row level security;
alter table pgboss.archive force row level security;

create policy job_app_tenant on pgboss.job for all to map_app
  using ((select app.current_tenant_id()) is null
         or data ->> 'tenant_id' = (select app.current_tenant_id())::text)
  with check ((select app.current_tenant_id()) is null
              or data ->> 'tenant_id' = (select app.current_tenant_id())::text);
comment on policy job_app_tenant on pgboss.job is
  'A transaction pinned to a tenant reads, changes and enqueues only that tenant''s jobs (data->>''tenant_id''). '
  'With no tenant set (unset or empty), the queue''s own work on the pool: the fair fetch, the release at '
  'shutdown and pg-boss''s complete, fail (delete and insert again), expiry and archive, which serve every tenant.';

create policy archive_app_tenant on pgboss.archive for all to map_app
  using ((select app.current_tenant_id()) is null
         or data ->> 'tenant_id' = (select app.current_tenant_id())::text)
  with check ((select app.current_tenant_id()) is null
              or data ->> 'tenant_id' = (select app.current_tenant_id())::text);
comment on policy archive_app_tenant on pgboss.archive is
  'A transaction pinned to a tenant reads only that tenant''s archived jobs (data->>''tenant_id''). With no tenant '
  'set (unset or empty), pg-boss''s maintenance on the pool: archive (insert) and drop (delete), for every tenant.';

-- The owner (map_owner, the migration role that made these tables) is under FORCE too. Its definer functions
-- app.orphaned_executions() (runs) and app.stuck_marketplace_validations() (marketplace) look for a live job of
-- every tenant, and the bench (bench/drain.ts) counts the queue's jobs as the owner: reads only.
create policy job_owner_read on pgboss.job for select to map_owner using (true);
comment on policy job_owner_read on pgboss.job is
  'Lets the owner read every job: app.orphaned_executions() and app.stuck_marketplace_validations() (SECURITY '
  'DEFINER, returning tenant and id only) and the bench. The owner writes no job.';
create policy archive_owner_read on pgboss.archive for select to map_owner using (true);
comment on policy archive_owner_read on pgboss.archive is
  'Lets the owner (operators inspecting the queue''s history) read every archived job. The owner writes none.';

comment on table pgboss.job is
  'Jobs not yet archived, partitioned by queue. data = { handler, tenant_id, data }; see plugins/jobs. RLS by '
  'data->>''tenant_id'' for a tenant''s transaction; the queue''s own work runs with no tenant and sees all.';
comment on table pgboss.archive is
  'Completed and failed jobs moved out of pgboss.job by maintenance, then deleted. RLS as on pgboss.job.';

-- Down Migration

comment on table pgboss.archive is 'Completed and failed jobs moved out of pgboss.job by maintenance, then deleted.';
comment on table pgboss.job is
  'Jobs not yet archived, partitioned by queue. data = { handler, tenant_id, data }; see plugins/jobs.';
drop policy archive_owner_read on pgboss.archive;
drop policy job_owner_read on pgboss.job;
drop policy archive_app_tenant on pgboss.archive;
drop policy job_app_tenant on pgboss.job;
alter table pgboss.archive no force row level security;
alter table pgboss.archive disable row level security;
alter table pgboss.job no force row level security;
alter table pgboss.job disable row level security;
