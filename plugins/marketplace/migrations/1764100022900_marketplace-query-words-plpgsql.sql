-- Up Migration

-- app.marketplace_query_words() runs in every search with words (the caller's drafts that have one of them),
-- once per statement. As a SQL function it cannot be inlined (its SET clause, its FROM) and a generic plan
-- calls it at execution, where a SQL function's body is parsed and planned again on every call: ~0.2 ms of
-- PostgreSQL's CPU each time, most of what reading the caller's drafts costs. PL/pgSQL keeps the plans of
-- its statements for the session: ~0.03 ms. Same arguments, same answers (discover.plans.test.ts).
create or replace function app.marketplace_query_words(query tsquery) returns text[]
  language plpgsql immutable parallel safe
  set search_path = ''
  as $$
  declare
    tree text := pg_catalog.querytree(query);
  begin
    if tree = 'T' or pg_catalog.strpos(tree, ':*') > 0 then
      return null;
    end if;
    return array(select m[1] from pg_catalog.regexp_matches(tree, '(''(?:[^'']|'''')*'')', 'g') m);
  end
  $$;

-- Down Migration

create or replace function app.marketplace_query_words(query tsquery) returns text[]
  language sql immutable parallel safe
  set search_path = ''
  as $$
    select case when t.tree = 'T' or pg_catalog.strpos(t.tree, ':*') > 0 then null
                else array(select m[1] from pg_catalog.regexp_matches(t.tree, '(''(?:[^'']|'''')*'')', 'g') m)
           end
      from (select pg_catalog.querytree(query) as tree) t
  $$;
