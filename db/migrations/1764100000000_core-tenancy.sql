-- Up Migration

-- Core tenancy: tenants, their API keys, and the functions every row-level-security policy relies on.
-- Run by the owner role (map_owner). The API connects as map_app, which owns nothing, is not a superuser,
-- has no BYPASSRLS, and receives only the grants written out below.

create schema app;
comment on schema app is
  'Functions shared by the tenancy policies. map_app may use them but create nothing here.';
revoke all on schema app from public;
grant usage on schema app to map_app;

-- nullif: once a transaction-local setting is reset it reads '' and ''::uuid would raise; with nullif an
-- unset tenant is NULL, which equals nothing, so a query without a tenant sees no rows (fail closed).
create function app.current_tenant_id() returns uuid
  language sql stable parallel safe
  as $$ select nullif(current_setting('app.current_tenant_id', true), '')::uuid $$;
comment on function app.current_tenant_id() is
  'The tenant of the current transaction, set by the API with set_config(''app.current_tenant_id'', id, true); NULL when unset.';
revoke all on function app.current_tenant_id() from public;
grant execute on function app.current_tenant_id() to map_app;

create table tenants (
  id uuid primary key default gen_random_uuid(),
  name text not null check (char_length(name) between 1 and 100),
  created_at timestamptz not null default now()
);
comment on table tenants is
  'One row per tenant. A transaction sees only the row of the tenant it is set to; tenants are created by the owner (npm run tenant).';
alter table tenants enable row level security;
alter table tenants force row level security;
-- tenants has no tenant_id: a tenant is its own row, so the policy compares the primary key.
create policy tenants_self on tenants
  using (id = (select app.current_tenant_id()))
  with check (id = (select app.current_tenant_id()));
comment on policy tenants_self on tenants is
  'Every role (the owner too, since RLS is forced) sees and writes only the tenant set for the transaction.';
grant select on tenants to map_app;

create table api_keys (
  id uuid not null default gen_random_uuid(),
  tenant_id uuid not null default app.current_tenant_id() references tenants (id) on delete cascade,
  name text not null check (char_length(name) between 1 and 100),
  -- SHA-256 of the whole key; the key itself is never stored.
  key_hash bytea not null check (octet_length(key_hash) = 32),
  -- The first characters of the key, so an operator can tell keys apart without seeing them.
  display_prefix text not null check (char_length(display_prefix) between 1 and 20),
  created_at timestamptz not null default now(),
  expires_at timestamptz,
  revoked_at timestamptz,
  primary key (tenant_id, id),
  -- Global, not per tenant: the lookup happens before the tenant is known. A collision between two
  -- random 256-bit keys is not a side channel anyone can use.
  constraint api_keys_key_hash_key unique (key_hash)
);
comment on table api_keys is
  'API keys by SHA-256 hash. map_app has no grant on this table; it authenticates through app.tenant_id_for_api_key().';
alter table api_keys enable row level security;
alter table api_keys force row level security;
create policy api_keys_tenant_isolation on api_keys
  using (tenant_id = (select app.current_tenant_id()))
  with check (tenant_id = (select app.current_tenant_id()));
comment on policy api_keys_tenant_isolation on api_keys is
  'Key management sees only the keys of the tenant set for the transaction.';
-- The lookup function runs as the owner; this read-only policy is what lets it match a hash across
-- tenants. map_app cannot use it: the policy names the owner role only, and map_app has no grant here.
create policy api_keys_owner_lookup on api_keys for select to map_owner
  using (true);
comment on policy api_keys_owner_lookup on api_keys is
  'Lets app.tenant_id_for_api_key() (SECURITY DEFINER, owned by map_owner) find a key before any tenant is set.';

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
comment on function app.tenant_id_for_api_key(bytea) is
  'Returns only the tenant id for the hash of an active key, or NULL. The one cross-tenant read map_app can make.';
revoke all on function app.tenant_id_for_api_key(bytea) from public;
grant execute on function app.tenant_id_for_api_key(bytea) to map_app;

-- Down Migration

drop function app.tenant_id_for_api_key(bytea);
drop table api_keys;
drop table tenants;
drop function app.current_tenant_id();
drop schema app;
