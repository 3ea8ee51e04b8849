-- Up Migration

-- No version stays validating forever (issue 20: "failure of the job itself is retried, never a version stuck
-- in validating"). A validation job has one attempt more than MARKETPLACE_VALIDATION_MAX_ATTEMPTS, kept to
-- record the failure; but when that attempt's worker dies too (or its job is lost: deleted, a queue restored
-- from an older backup), pg-boss marks the job failed and nothing ever writes the version again.
-- app.stuck_marketplace_validations() finds those for the sweep (publish.validation-sweep.ts): versions
-- validating for longer than every attempt could take, with no job of the queue still waiting, retrying or
-- running for them. It returns only their tenant and id, which the sweep needs to reject each in that tenant's
-- own transaction; it reads nothing else and changes nothing.
create policy marketplace_versions_owner_validating_read on marketplace_versions for select to map_owner
  using (status = 'validating');
comment on policy marketplace_versions_owner_validating_read on marketplace_versions is
  'Lets app.stuck_marketplace_validations() (SECURITY DEFINER) read the versions that are still validating.';

-- The sweep's scan: only validating versions, oldest first.
create index marketplace_versions_validating_idx on marketplace_versions (created_at)
  where status = 'validating';

create function app.stuck_marketplace_validations(stale_seconds integer)
  returns table (tenant_id uuid, version_id uuid)
  language sql stable security definer
  set search_path = ''
  as $$
    select v.tenant_id, v.id
      from public.marketplace_versions v
     where v.status = 'validating'
       and stale_seconds >= 1
       and v.created_at < now() - make_interval(secs => stale_seconds)
       -- Its job has the version's id (publish.service.ts enqueues it so): the primary key finds it.
       and not exists (
             select 1 from pgboss.job j
              where j.name = 'jobs' and j.id = v.id and j.state in ('created', 'retry', 'active')
                and j.data ->> 'handler' = 'marketplace.validate-version'
                and j.data ->> 'tenant_id' = v.tenant_id::text)
     order by v.created_at
     limit 100
  $$;
comment on function app.stuck_marketplace_validations(integer) is
  'Marketplace versions validating for stale_seconds with no live marketplace.validate-version job: their tenant and id only.';
revoke all on function app.stuck_marketplace_validations(integer) from public;
grant execute on function app.stuck_marketplace_validations(integer) to map_app;

-- Down Migration

drop function app.stuck_marketplace_validations(integer);
drop index marketplace_versions_validating_idx;
drop policy marketplace_versions_owner_validating_read on marketplace_versions;
