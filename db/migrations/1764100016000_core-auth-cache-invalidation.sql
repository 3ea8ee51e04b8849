-- Up Migration

-- Each API process caches for a few seconds which tenant an API key belongs to (AUTH_CACHE_TTL_MS), so a
-- request costs no key lookup (issue 17). A cached answer must be forgotten as soon as the key stops
-- resolving to it, on every process:
--   * triggers on api_keys and tenants NOTIFY the channel map_auth_invalidation with the tenant id on every
--     change that can alter what a key resolves to: a key revoked, expired, rotated or deleted, a tenant
--     suspended, resumed or deleted, and a tenant's quotas or budgets (the processes' settings cache).
--     A trigger, not the admin code, so the CLI, the admin API and an operator's psql all notify alike.
--     NOTIFY is delivered at commit (never for a change rolled back), and identical payloads of one
--     transaction collapse into one: deleting a tenant with many keys notifies once.
--   * the payload is the tenant id only. Any role may LISTEN to any channel, so it never carries a key, a
--     hash or a prefix; a tenant id tells a listener that something changed, not what.
--   * app.authenticate_api_key() also says how long the key has left (expires_in_ms, computed by the
--     database's clock), so a cached key is never served past its expiry, which no trigger announces.

create function app.notify_api_key_change() returns trigger
  language plpgsql
  set search_path = ''
  as $$
  begin
    perform pg_notify('map_auth_invalidation', old.tenant_id::text);
    if tg_op = 'UPDATE' then
      if new.tenant_id is distinct from old.tenant_id then
        perform pg_notify('map_auth_invalidation', new.tenant_id::text);
      end if;
    end if;
    return null;
  end
  $$;
comment on function app.notify_api_key_change() is
  'Tells the API processes (NOTIFY map_auth_invalidation, payload: tenant id) that a key of this tenant changed.';
revoke all on function app.notify_api_key_change() from public;

-- last_used_at is not listed: authenticate_api_key() writes it once a minute, and it changes nothing cached.
create trigger api_keys_auth_invalidation
  after update of revoked_at, expires_at, key_hash, tenant_id or delete on api_keys
  for each row execute function app.notify_api_key_change();

create function app.notify_tenant_change() returns trigger
  language plpgsql
  set search_path = ''
  as $$
  begin
    perform pg_notify('map_auth_invalidation', old.id::text);
    return null;
  end
  $$;
comment on function app.notify_tenant_change() is
  'Tells the API processes (NOTIFY map_auth_invalidation, payload: tenant id) that a tenant''s status or limits changed.';
revoke all on function app.notify_tenant_change() from public;

create trigger tenants_auth_invalidation
  after update of status, rate_limit_requests, run_rate_limit_requests, monthly_token_budget,
                  monthly_cost_budget_usd or delete on tenants
  for each row execute function app.notify_tenant_change();

-- A new result column means a new function (CREATE OR REPLACE cannot change the result type).
drop function app.authenticate_api_key(bytea);
create function app.authenticate_api_key(p_key_hash bytea)
  returns table (tenant_id uuid, suspended boolean, expires_in_ms double precision)
  language plpgsql volatile security definer
  set search_path = ''
  as $$
  begin
    return query
      select k.tenant_id, t.status = 'suspended',
             extract(epoch from k.expires_at - now())::double precision * 1000
        from public.api_keys k
        join public.tenants t on t.id = k.tenant_id
       where k.key_hash = p_key_hash
         and k.revoked_at is null
         and (k.expires_at is null or k.expires_at > now());
    if found then
      -- At most one write a minute per key: the hot path stays a read.
      update public.api_keys k set last_used_at = now()
       where k.key_hash = p_key_hash and (k.last_used_at is null or k.last_used_at < now() - interval '1 minute');
    end if;
  end
  $$;
comment on function app.authenticate_api_key(bytea) is
  'For the hash of an active key: its tenant id, whether the tenant is suspended, and the milliseconds until the key expires (NULL: never); nothing otherwise.';
revoke all on function app.authenticate_api_key(bytea) from public;
grant execute on function app.authenticate_api_key(bytea) to map_app;

-- Down Migration

drop function app.authenticate_api_key(bytea);
create function app.authenticate_api_key(p_key_hash bytea)
  returns table (tenant_id uuid, suspended boolean)
  language plpgsql volatile security definer
  set search_path = ''
  as $$
  begin
    return query
      select k.tenant_id, t.status = 'suspended'
        from public.api_keys k
        join public.tenants t on t.id = k.tenant_id
       where k.key_hash = p_key_hash
         and k.revoked_at is null
         and (k.expires_at is null or k.expires_at > now());
    if found then
      -- At most one write a minute per key: the hot path stays a read.
      update public.api_keys k set last_used_at = now()
       where k.key_hash = p_key_hash and (k.last_used_at is null or k.last_used_at < now() - interval '1 minute');
    end if;
  end
  $$;
comment on function app.authenticate_api_key(bytea) is
  'For the hash of an active key: its tenant id and whether the tenant is suspended; nothing otherwise.';
revoke all on function app.authenticate_api_key(bytea) from public;
grant execute on function app.authenticate_api_key(bytea) to map_app;
drop trigger tenants_auth_invalidation on tenants;
drop function app.notify_tenant_change();
drop trigger api_keys_auth_invalidation on api_keys;
drop function app.notify_api_key_change();
