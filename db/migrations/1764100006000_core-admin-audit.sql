-- Up Migration

-- Administration and the audit log.
--   * Tenants can be suspended; API keys record when they were last used.
--   * map_admin (operators: admin API and CLI) gets explicit cross-tenant policies on tenants and API keys,
--     and may read the whole audit log. It has no BYPASSRLS: everything else stays tenant-scoped for it too.
--   * Authentication goes through app.authenticate_api_key(), which also says whether the tenant is
--     suspended and notes when the key was last used.
--   * audit_events is append-only for everyone but the owner, written only through
--     app.append_audit_event(), and tamper-evident: each event carries the hash of the previous event of
--     its tenant (its chain), so editing or deleting one breaks every later hash.

alter table tenants
  add column status text not null default 'active' check (status in ('active', 'suspended'));
comment on column tenants.status is 'suspended: every key of the tenant answers 403 TENANT_SUSPENDED.';

alter table api_keys add column last_used_at timestamptz;
comment on column api_keys.last_used_at is 'When the key last authenticated a request (to the minute).';

grant usage on schema app to map_admin;
grant execute on function app.current_tenant_id() to map_admin;
grant select, insert, update, delete on tenants to map_admin;
grant select, insert, update, delete on api_keys to map_admin;
create policy tenants_admin on tenants for all to map_admin using (true) with check (true);
comment on policy tenants_admin on tenants is 'Operators manage every tenant (create, rename, suspend, delete).';
create policy api_keys_admin on api_keys for all to map_admin using (true) with check (true);
comment on policy api_keys_admin on api_keys is 'Operators create, list, rotate and revoke the keys of any tenant.';

-- The authentication function (owned by map_owner) reads a key's tenant status and notes its use.
create policy tenants_owner_lookup on tenants for select to map_owner using (true);
comment on policy tenants_owner_lookup on tenants is
  'Lets app.authenticate_api_key() (SECURITY DEFINER) read the status of the tenant a key belongs to.';
create policy api_keys_owner_touch on api_keys for update to map_owner using (true) with check (true);
comment on policy api_keys_owner_touch on api_keys is
  'Lets app.authenticate_api_key() (SECURITY DEFINER) set last_used_at on the key it matched.';

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

drop function app.tenant_id_for_api_key(bytea);

create table audit_events (
  id uuid primary key default gen_random_uuid(),
  -- NULL for events of no tenant (a failed authentication with an unknown key); no foreign key, so the
  -- events of a deleted tenant stay.
  tenant_id uuid,
  seq bigint not null check (seq > 0),
  actor text not null check (char_length(actor) between 1 and 200),
  action text not null check (char_length(action) between 1 and 100),
  target text,
  details jsonb not null default '{}',
  request_id text,
  created_at timestamptz not null,
  prev_hash bytea,
  hash bytea not null check (octet_length(hash) = 32)
);
comment on table audit_events is
  'Append-only log of administration and authentication failures, hash-chained per tenant.';
create unique index audit_events_chain_seq_idx
  on audit_events ((coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid)), seq);
create index audit_events_tenant_id_created_at_idx on audit_events (tenant_id, created_at desc, id desc);
alter table audit_events enable row level security;
alter table audit_events force row level security;
create policy audit_events_tenant_read on audit_events for select
  using (tenant_id = (select app.current_tenant_id()));
comment on policy audit_events_tenant_read on audit_events is 'A tenant reads its own events only.';
create policy audit_events_admin_read on audit_events for select to map_admin using (true);
comment on policy audit_events_admin_read on audit_events is 'Operators read every event.';
create policy audit_events_owner_read on audit_events for select to map_owner using (true);
comment on policy audit_events_owner_read on audit_events is
  'Lets app.append_audit_event() read the head of any chain, the tenant-less one included.';
create policy audit_events_owner_append on audit_events for insert to map_owner
  with check (tenant_id is not distinct from (select app.current_tenant_id()));
comment on policy audit_events_owner_append on audit_events is
  'app.append_audit_event() appends only to the chain of the tenant set for the transaction (or none).';
grant select on audit_events to map_app, map_admin;

create function app.audit_event_hash(
  p_prev bytea, p_tenant uuid, p_seq bigint, p_actor text, p_action text, p_target text, p_details jsonb,
  p_request_id text, p_created_at timestamptz
) returns bytea
  language sql immutable
  set search_path = ''
  as $$
    select sha256(coalesce(p_prev, ''::bytea) || convert_to(
      jsonb_build_array(p_tenant, p_seq, p_actor, p_action, p_target, p_details, p_request_id,
                        to_char(p_created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))::text,
      'UTF8'))
  $$;
comment on function app.audit_event_hash(bytea, uuid, bigint, text, text, text, jsonb, text, timestamptz) is
  'The hash of an audit event: SHA-256 of the previous hash and the event''s fields; used to append and to verify.';
revoke all on function app.audit_event_hash(bytea, uuid, bigint, text, text, text, jsonb, text, timestamptz) from public;
grant execute on function app.audit_event_hash(bytea, uuid, bigint, text, text, text, jsonb, text, timestamptz)
  to map_app, map_admin;

create function app.append_audit_event(p_actor text, p_action text, p_target text, p_details jsonb, p_request_id text)
  returns uuid
  language plpgsql volatile security definer
  set search_path = ''
  as $$
  declare
    v_tenant uuid := app.current_tenant_id();
    v_prev public.audit_events;
    v_id uuid := gen_random_uuid();
    v_at timestamptz := clock_timestamp();
    v_seq bigint;
  begin
    -- One writer per chain at a time, so seq and prev_hash never fork.
    perform pg_advisory_xact_lock(hashtextextended('audit:' || coalesce(v_tenant::text, '-'), 0));
    select * into v_prev from public.audit_events e
     where e.tenant_id is not distinct from v_tenant order by e.seq desc limit 1;
    v_seq := coalesce(v_prev.seq, 0) + 1;
    insert into public.audit_events (id, tenant_id, seq, actor, action, target, details, request_id, created_at,
                                     prev_hash, hash)
    values (v_id, v_tenant, v_seq, p_actor, p_action, p_target, coalesce(p_details, '{}'), p_request_id, v_at,
            v_prev.hash,
            app.audit_event_hash(v_prev.hash, v_tenant, v_seq, p_actor, p_action, p_target, coalesce(p_details, '{}'),
                                 p_request_id, v_at));
    return v_id;
  end
  $$;
comment on function app.append_audit_event(text, text, text, jsonb, text) is
  'Appends an event to the chain of the transaction''s tenant (none when unset). The only way to write the log.';
revoke all on function app.append_audit_event(text, text, text, jsonb, text) from public;
grant execute on function app.append_audit_event(text, text, text, jsonb, text) to map_app, map_admin;

-- Readiness (GET /ready) checks that every migration the code ships has run.
grant select on pgmigrations to map_app;

-- Down Migration

revoke select on pgmigrations from map_app;

drop function app.append_audit_event(text, text, text, jsonb, text);
drop function app.audit_event_hash(bytea, uuid, bigint, text, text, text, jsonb, text, timestamptz);
drop table audit_events;
create function app.tenant_id_for_api_key(p_key_hash bytea) returns uuid
  language sql stable security definer
  set search_path = ''
  as $$
    select k.tenant_id
      from public.api_keys k
     where k.key_hash = p_key_hash
       and k.revoked_at is null
       and (k.expires_at is null or k.expires_at > now())
  $$;
revoke all on function app.tenant_id_for_api_key(bytea) from public;
grant execute on function app.tenant_id_for_api_key(bytea) to map_app;
drop function app.authenticate_api_key(bytea);
drop policy api_keys_owner_touch on api_keys;
drop policy tenants_owner_lookup on tenants;
drop policy api_keys_admin on api_keys;
drop policy tenants_admin on tenants;
revoke all on api_keys from map_admin;
revoke all on tenants from map_admin;
revoke execute on function app.current_tenant_id() from map_admin;
revoke usage on schema app from map_admin;
alter table api_keys drop column last_used_at;
alter table tenants drop column status;
