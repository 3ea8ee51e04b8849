-- Up Migration

-- The job queue's storage (plugins/jobs): pg-boss 10.4.2's own schema, `pgboss`, schema version 24. Not tenant
-- data: no table here has a tenant_id column; each job's data carries the tenant_id its handler is pinned to
-- (plugins/jobs/jobs.worker.ts), and the handler's database work runs in that tenant's RLS transactions.
--
-- The statements between the two markers are PgBoss.getConstructionPlans('pgboss') of pg-boss 10.4.2
-- (node_modules/pg-boss/version.json: schema 24), verbatim but for its wrapper (BEGIN, SET LOCAL,
-- pg_advisory_xact_lock, COMMIT: node-pg-migrate runs this file in one transaction under its own lock) and
-- CREATE SCHEMA without IF NOT EXISTS (a pgboss schema made by something else must stop the migration).
-- pg-boss starts with migrate: false, so the app role never runs DDL. Upgrading pg-boss means a new migration
-- with PgBoss.getMigrationPlans('pgboss', 24) and a check of plugins/jobs/jobs.fetch.sql.ts and pgboss-db.ts,
-- which read this schema; the queue refuses to start on a schema version it was not built for.

-- >>> PgBoss.getConstructionPlans('pgboss'), pg-boss 10.4.2
CREATE SCHEMA pgboss;

CREATE TYPE pgboss.job_state AS ENUM (
  'created',
  'retry',
  'active',
  'completed',
  'cancelled',
  'failed'
);

CREATE TABLE pgboss.version (
  version int primary key,
  maintained_on timestamp with time zone,
  cron_on timestamp with time zone,
  monitored_on timestamp with time zone
);

CREATE TABLE pgboss.queue (
  name text,
  policy text,
  retry_limit int,
  retry_delay int,
  retry_backoff bool,
  expire_seconds int,
  retention_minutes int,
  dead_letter text REFERENCES pgboss.queue (name),
  partition_name text,
  created_on timestamp with time zone not null default now(),
  updated_on timestamp with time zone not null default now(),
  PRIMARY KEY (name)
);

CREATE TABLE pgboss.schedule (
  name text REFERENCES pgboss.queue ON DELETE CASCADE,
  cron text not null,
  timezone text,
  data jsonb,
  options jsonb,
  created_on timestamp with time zone not null default now(),
  updated_on timestamp with time zone not null default now(),
  PRIMARY KEY (name)
);

CREATE TABLE pgboss.subscription (
  event text not null,
  name text not null REFERENCES pgboss.queue ON DELETE CASCADE,
  created_on timestamp with time zone not null default now(),
  updated_on timestamp with time zone not null default now(),
  PRIMARY KEY(event, name)
);

CREATE TABLE pgboss.job (
  id uuid not null default gen_random_uuid(),
  name text not null,
  priority integer not null default(0),
  data jsonb,
  state pgboss.job_state not null default('created'),
  retry_limit integer not null default(2),
  retry_count integer not null default(0),
  retry_delay integer not null default(0),
  retry_backoff boolean not null default false,
  start_after timestamp with time zone not null default now(),
  started_on timestamp with time zone,
  singleton_key text,
  singleton_on timestamp without time zone,
  expire_in interval not null default interval '15 minutes',
  created_on timestamp with time zone not null default now(),
  completed_on timestamp with time zone,
  keep_until timestamp with time zone NOT NULL default now() + interval '14 days',
  output jsonb,
  dead_letter text,
  policy text
) PARTITION BY LIST (name);
ALTER TABLE pgboss.job ADD PRIMARY KEY (name, id);
CREATE TABLE pgboss.archive (LIKE pgboss.job);
ALTER TABLE pgboss.archive ADD PRIMARY KEY (name, id);
ALTER TABLE pgboss.archive ADD archived_on timestamptz NOT NULL DEFAULT now();
CREATE INDEX archive_i1 ON pgboss.archive(archived_on);

CREATE FUNCTION pgboss.create_queue(queue_name text, options json)
RETURNS VOID AS
$$
DECLARE
  table_name varchar := 'j' || encode(sha224(queue_name::bytea), 'hex');
  queue_created_on timestamptz;
BEGIN

  WITH q as (
  INSERT INTO pgboss.queue (
    name,
    policy,
    retry_limit,
    retry_delay,
    retry_backoff,
    expire_seconds,
    retention_minutes,
    dead_letter,
    partition_name
  )
  VALUES (
    queue_name,
    options->>'policy',
    (options->>'retryLimit')::int,
    (options->>'retryDelay')::int,
    (options->>'retryBackoff')::bool,
    (options->>'expireInSeconds')::int,
    (options->>'retentionMinutes')::int,
    options->>'deadLetter',
    table_name
  )
  ON CONFLICT DO NOTHING
  RETURNING created_on
  )
  SELECT created_on into queue_created_on from q;

  IF queue_created_on IS NULL THEN
    RETURN;
  END IF;

  EXECUTE format('CREATE TABLE pgboss.%I (LIKE pgboss.job INCLUDING DEFAULTS)', table_name);

  EXECUTE format('ALTER TABLE pgboss.%1$I ADD PRIMARY KEY (name, id)', table_name);
  EXECUTE format('ALTER TABLE pgboss.%1$I ADD CONSTRAINT q_fkey FOREIGN KEY (name) REFERENCES pgboss.queue (name) ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED', table_name);
  EXECUTE format('ALTER TABLE pgboss.%1$I ADD CONSTRAINT dlq_fkey FOREIGN KEY (dead_letter) REFERENCES pgboss.queue (name) ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED', table_name);
  EXECUTE format('CREATE UNIQUE INDEX %1$s_i1 ON pgboss.%1$I (name, COALESCE(singleton_key, '''')) WHERE state = ''created'' AND policy = ''short''', table_name);
  EXECUTE format('CREATE UNIQUE INDEX %1$s_i2 ON pgboss.%1$I (name, COALESCE(singleton_key, '''')) WHERE state = ''active'' AND policy = ''singleton''', table_name);
  EXECUTE format('CREATE UNIQUE INDEX %1$s_i3 ON pgboss.%1$I (name, state, COALESCE(singleton_key, '''')) WHERE state <= ''active'' AND policy = ''stately''', table_name);
  EXECUTE format('CREATE UNIQUE INDEX %1$s_i4 ON pgboss.%1$I (name, singleton_on, COALESCE(singleton_key, '''')) WHERE state <> ''cancelled'' AND singleton_on IS NOT NULL', table_name);
  EXECUTE format('CREATE INDEX %1$s_i5 ON pgboss.%1$I (name, start_after) INCLUDE (priority, created_on, id) WHERE state < ''active''', table_name);

  EXECUTE format('ALTER TABLE pgboss.%I ADD CONSTRAINT cjc CHECK (name=%L)', table_name, queue_name);
  EXECUTE format('ALTER TABLE pgboss.job ATTACH PARTITION pgboss.%I FOR VALUES IN (%L)', table_name, queue_name);
END;
$$
LANGUAGE plpgsql;

CREATE FUNCTION pgboss.delete_queue(queue_name text)
RETURNS VOID AS
$$
DECLARE
  table_name varchar;
BEGIN
  WITH deleted as (
    DELETE FROM pgboss.queue
    WHERE name = queue_name
    RETURNING partition_name
  )
  SELECT partition_name from deleted INTO table_name;

  EXECUTE format('DROP TABLE IF EXISTS pgboss.%I', table_name);
END;
$$
LANGUAGE plpgsql;
INSERT INTO pgboss.version(version) VALUES ('24');
-- <<< end of PgBoss.getConstructionPlans('pgboss')

comment on schema pgboss is
  'The job queue (pg-boss 10.4.2, plugins/jobs). Not tenant data: each job''s data carries its tenant_id.';
comment on table pgboss.version is 'pg-boss schema version (24) and when maintenance and monitoring last ran.';
comment on table pgboss.queue is 'pg-boss queues; the platform uses one, jobs, created below.';
comment on table pgboss.schedule is 'pg-boss cron schedules: unused (the queue starts with schedule: false).';
comment on table pgboss.subscription is 'pg-boss pub/sub subscriptions: unused.';
comment on table pgboss.job is
  'Jobs not yet archived, partitioned by queue. data = { handler, tenant_id, data }; see plugins/jobs.';
comment on table pgboss.archive is 'Completed and failed jobs moved out of pgboss.job by maintenance, then deleted.';
comment on function pgboss.create_queue(text, json) is
  'pg-boss: adds a queue and its job partition (DDL). Only the migration role calls it.';
comment on function pgboss.delete_queue(text) is
  'pg-boss: drops a queue and its partition (DDL). Only the migration role calls it.';

-- The platform's one queue: every job handler's jobs, told apart by data->>'handler'. Created here because a
-- queue is a partition (DDL), which the app role may not make. Retries and expiry are set per job (send).
select pgboss.create_queue('jobs', json_build_object('policy', 'standard'));

-- The platform's fair fetch (plugins/jobs/jobs.repo.ts) counts each tenant's running jobs at every fetch:
-- this keeps that count to the active jobs (a few per worker) however many are queued or done.
create index job_active_tenant_idx on pgboss.job ((data ->> 'tenant_id')) where state = 'active';
comment on index pgboss.job_active_tenant_idx is
  'Not pg-boss''s: the fair fetch''s count of running jobs per tenant (plugins/jobs/jobs.repo.ts).';

-- What map_app needs at run time, and no more: send (insert), fetch, complete and fail (update, delete and
-- insert into job), maintenance (expiry and archive: job, archive; its turn: version). No TRUNCATE,
-- REFERENCES or TRIGGER, no CREATE on the schema, no queue changes, no DDL functions.
grant usage on schema pgboss to map_app;
grant select, update on pgboss.version to map_app;
grant select on pgboss.queue to map_app;
grant select, insert, update, delete on pgboss.job to map_app;
grant select, insert, delete on pgboss.archive to map_app;
revoke execute on function pgboss.create_queue(text, json), pgboss.delete_queue(text) from public;

-- Down Migration

-- Dropping pgboss.job drops its partitions (the jobs queue's).
drop function pgboss.delete_queue(text);
drop function pgboss.create_queue(text, json);
drop table pgboss.archive;
drop table pgboss.job;
drop table pgboss.subscription;
drop table pgboss.schedule;
drop table pgboss.queue;
drop table pgboss.version;
drop type pgboss.job_state;
drop schema pgboss;
