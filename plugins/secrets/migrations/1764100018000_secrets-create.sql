-- Up Migration

-- Tenant secrets (issue 18): values a tool uses by reference ({{secrets.NAME}}), stored only encrypted.
-- The database never sees a plaintext: plugins/secrets/secrets.crypto.ts encrypts with AES-256-GCM under a
-- per-tenant key the database does not hold, and binds each ciphertext to its tenant and name.

create table secrets (
  tenant_id uuid not null default app.current_tenant_id() references tenants (id) on delete cascade,
  -- The name a tool's configuration refers to: {{secrets.NAME}}.
  name text not null check (name ~ '^[A-Za-z_][A-Za-z0-9_-]{0,63}$'),
  -- Format byte, key id (which master key version), IV, AES-GCM ciphertext and tag; see secrets.crypto.ts.
  -- At most 37 bytes of framing around 8192 characters of UTF-8 (4 bytes each).
  ciphertext bytea not null check (octet_length(ciphertext) between 37 and 32805),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  last_used_at timestamptz,
  primary key (tenant_id, name)
);
comment on table secrets is
  'Secrets of a tenant, encrypted by the API (AES-256-GCM, per-tenant key); never readable as plaintext here.';
comment on column secrets.name is 'What a tool configuration names in {{secrets.NAME}}; unique per tenant.';
comment on column secrets.ciphertext is
  'Format byte, master key id, 96-bit IV, ciphertext and GCM tag; the AAD binds it to tenant_id and name.';
comment on column secrets.last_used_at is 'When a tool last used the secret (each use is also in audit_events).';
create index secrets_tenant_id_created_at_idx on secrets (tenant_id, created_at desc, name);
alter table secrets enable row level security;
alter table secrets force row level security;
create policy secrets_tenant_isolation on secrets
  using (tenant_id = (select app.current_tenant_id()))
  with check (tenant_id = (select app.current_tenant_id()));
comment on policy secrets_tenant_isolation on secrets is
  'Reads and writes only rows of the tenant set for the transaction (the API, and the CLI re-encrypting per tenant).';
grant select, insert, update, delete on secrets to map_app;
-- The CLI's `secrets rotate-master` re-encrypts each tenant's rows, tenant by tenant, under the policy above.
grant select, update (ciphertext) on secrets to map_admin;

-- Boot: production refuses to start without SECRETS_MASTER_KEY when any secret exists, a question no tenant's
-- transaction can answer. This function answers only that, as its owner.
create policy secrets_owner_exists on secrets for select to map_owner using (true);
comment on policy secrets_owner_exists on secrets is
  'Lets app.secrets_exist() (SECURITY DEFINER) see whether any tenant has a secret; it returns only a boolean.';
create function app.secrets_exist()
  returns boolean
  language sql stable security definer
  set search_path = ''
  as $$ select exists (select 1 from public.secrets) $$;
comment on function app.secrets_exist() is
  'Whether any tenant has a secret (the boot check for a missing SECRETS_MASTER_KEY); reveals nothing else.';
revoke all on function app.secrets_exist() from public;
grant execute on function app.secrets_exist() to map_app, map_admin;

-- Every use of a secret goes to the audit log. The API role may write only authentication failures through
-- app.append_api_audit_event(); this function adds one more kind, fixed here: secret.used, for a secret the
-- transaction's tenant has, naming the tool and execution. Never a value: it is not an argument.
create function app.append_secret_use_event(p_name text, p_tool_id uuid, p_execution_id uuid, p_request_id text)
  returns uuid
  language plpgsql volatile security definer
  set search_path = ''
  as $$
  begin
    if not exists (select 1 from public.secrets s
                    where s.tenant_id = app.current_tenant_id() and s.name = p_name) then
      raise exception 'no secret % for the transaction''s tenant', p_name using errcode = '42501';
    end if;
    return app.audit_chain_append('api', 'secret.used', 'secret:' || p_name,
      jsonb_build_object('secret', p_name, 'tool_id', p_tool_id, 'execution_id', p_execution_id), p_request_id);
  end
  $$;
comment on function app.append_secret_use_event(text, uuid, uuid, text) is
  'The API (map_app) records that a tool used a secret of the transaction''s tenant: name, tool, execution, time.';
revoke all on function app.append_secret_use_event(text, uuid, uuid, text) from public;
grant execute on function app.append_secret_use_event(text, uuid, uuid, text) to map_app;

-- Down Migration

drop function app.append_secret_use_event(text, uuid, uuid, text);
drop function app.secrets_exist();
drop table secrets;
