-- Up Migration

-- Who may write which audit events (security review, issue 13, finding 8).
--   Before: map_app could call app.append_audit_event() with any actor and action, after setting any tenant
--   in its own transaction, and the forged event chained like a real one.
--   Now:
--   * app.audit_chain_append() does the chaining; no role may call it, only the two functions below
--     (SECURITY DEFINER, owned by map_owner) do, as the owner.
--   * map_app (the API) calls app.append_api_audit_event(): only the kinds the API itself writes
--     (authentication failures), with the actor fixed to 'anonymous' by the function.
--   * map_admin (operators: admin API and CLI) calls app.append_audit_event(): operator events, under the
--     operator's name; never an API kind and never as 'anonymous', so the two cannot be told apart wrongly.

create function app.audit_chain_append(p_actor text, p_action text, p_target text, p_details jsonb, p_request_id text)
  returns uuid
  language plpgsql volatile
  set search_path = ''
  as $$
  declare
    v_tenant uuid := app.current_tenant_id();
    v_prev public.audit_events;
    v_id uuid := gen_random_uuid();
    v_at timestamptz := clock_timestamp();
    v_seq bigint;
  begin
    -- One writer per chain at a time, so seq and prev_hash never fork. Runs as map_owner (through the
    -- SECURITY DEFINER callers), so it needs no grant on the advisory-lock functions for map_app.
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
comment on function app.audit_chain_append(text, text, text, jsonb, text) is
  'Appends an event to the chain of the transaction''s tenant (none when unset). Callable by no role: only '
  'app.append_api_audit_event() and app.append_audit_event(), which run as its owner.';
revoke all on function app.audit_chain_append(text, text, text, jsonb, text) from public;

create or replace function app.append_audit_event(p_actor text, p_action text, p_target text, p_details jsonb, p_request_id text)
  returns uuid
  language plpgsql volatile security definer
  set search_path = ''
  as $$
  begin
    if p_actor = 'anonymous' or p_action in ('auth.failure', 'auth.suspended_tenant', 'admin.auth_failure') then
      raise exception 'operators do not write the API''s authentication events (actor %, action %)', p_actor, p_action
        using errcode = '42501';
    end if;
    return app.audit_chain_append(p_actor, p_action, p_target, p_details, p_request_id);
  end
  $$;
comment on function app.append_audit_event(text, text, text, jsonb, text) is
  'Operators (map_admin) append an event of theirs to the chain of the transaction''s tenant (none when unset).';
revoke execute on function app.append_audit_event(text, text, text, jsonb, text) from map_app;

create function app.append_api_audit_event(p_action text, p_target text, p_details jsonb, p_request_id text)
  returns uuid
  language plpgsql volatile security definer
  set search_path = ''
  as $$
  begin
    if p_action is null or p_action not in ('auth.failure', 'auth.suspended_tenant', 'admin.auth_failure') then
      raise exception 'the API writes only authentication failures to the audit log, not %', p_action
        using errcode = '42501';
    end if;
    return app.audit_chain_append('anonymous', p_action, p_target, p_details, p_request_id);
  end
  $$;
comment on function app.append_api_audit_event(text, text, jsonb, text) is
  'The API (map_app) appends an authentication failure, as actor anonymous, to the chain of the transaction''s '
  'tenant (none when unset). The only audit write the API role may make.';
revoke all on function app.append_api_audit_event(text, text, jsonb, text) from public;
grant execute on function app.append_api_audit_event(text, text, jsonb, text) to map_app;

-- Down Migration

drop function app.append_api_audit_event(text, text, jsonb, text);
create or replace function app.append_audit_event(p_actor text, p_action text, p_target text, p_details jsonb, p_request_id text)
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
grant execute on function app.append_audit_event(text, text, text, jsonb, text) to map_app;
drop function app.audit_chain_append(text, text, text, jsonb, text);
