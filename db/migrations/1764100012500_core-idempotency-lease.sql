-- Up Migration

-- A claim on a key belongs to one request (owner, a random token) until lease_expires_at, which that
-- request renews while it runs. A streamed run may last longer than any fixed lease; a lease measured from
-- created_at let a retry take the key over mid-run and run the model a second time. Only a request that
-- stopped renewing (its process died) loses the key, and the owner token keeps a request that lost it
-- from completing or freeing the key of the request that took it over.
alter table idempotency_keys add column owner uuid not null default gen_random_uuid();
alter table idempotency_keys add column lease_expires_at timestamptz not null default now() + interval '5 minutes';
-- The defaults only fill the rows already there; every claim sets both.
alter table idempotency_keys alter column owner drop default;
alter table idempotency_keys alter column lease_expires_at drop default;
comment on column idempotency_keys.owner is
  'The request holding the claim: only it may renew, complete or release the key.';
comment on column idempotency_keys.lease_expires_at is
  'When an in-progress claim lapses unless its owner renews it; a retry may then take the key over.';

-- Down Migration

alter table idempotency_keys drop column lease_expires_at;
alter table idempotency_keys drop column owner;
