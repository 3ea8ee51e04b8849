-- Up Migration

-- A search shows its caller its own drafts beside the published listings. It read every draft of the caller
-- to test each one's text (the drafts' GIN index cannot serve map_app: `@@` is not leakproof, so under the
-- listings' policies it is never an index condition), one heap page per draft: a publisher with 200 drafts
-- paid ~200 page reads on every search, most of the search's reads. marketplace_draft_words lists the words
-- (lexemes) of each draft's text, the tenant's own rows: a search with words reads only the drafts that have
-- one of its words (btree equality, which RLS lets an index serve), then tests their text as before.
create table marketplace_draft_words (
  tenant_id uuid not null default app.current_tenant_id(),
  listing_id uuid not null,
  -- The lexeme as tsquery prints it (quoted, quotes doubled), as querytree() prints a query's words.
  word text not null,
  primary key (tenant_id, word, listing_id),
  foreign key (tenant_id, listing_id) references marketplace_listings (tenant_id, id) on delete cascade
);
comment on table marketplace_draft_words is
  'The words of a tenant''s draft listings (name, summary, description), for its own searches; written by the trigger app.marketplace_draft_words_sync() only.';
create index marketplace_draft_words_listing_idx on marketplace_draft_words (tenant_id, listing_id);
alter table marketplace_draft_words enable row level security;
alter table marketplace_draft_words force row level security;
create policy marketplace_draft_words_tenant_isolation on marketplace_draft_words
  using (tenant_id = (select app.current_tenant_id()))
  with check (tenant_id = (select app.current_tenant_id()));
comment on policy marketplace_draft_words_tenant_isolation on marketplace_draft_words is
  'Reads and writes only rows of the tenant set for the transaction; nothing when no tenant is set.';
-- Insert and delete for the trigger, which runs as whoever changes the draft (the tenant, in its transaction).
grant select, insert, delete on marketplace_draft_words to map_app;

-- A lexeme printed as tsquery prints it.
create function app.marketplace_lexeme_word(lexeme text) returns text
  language sql immutable parallel safe
  set search_path = ''
  as $$ select ('''' || replace(replace(lexeme, '\', '\\'), '''', '''''') || '''')::pg_catalog.tsquery::text $$;
comment on function app.marketplace_lexeme_word(text) is
  'A lexeme as tsquery output prints it: the form of marketplace_draft_words.word and of querytree()''s words.';
revoke all on function app.marketplace_lexeme_word(text) from public;
-- The trigger runs as whoever changes the draft.
grant execute on function app.marketplace_lexeme_word(text) to map_app;

-- The words a match of the query must have one of, or null when there are none to require. querytree() keeps
-- the part of a query an index can search, its positive words joined by & | <->: a row that matches the
-- query matches that part, so it has one of its words. It is 'T' when the query matches rows without any of
-- its words (`-word`, `a or -b`), and a prefix (':*') matches other words than its own: null for both (no
-- word to require). A query of stop words only matches nothing: no words.
create function app.marketplace_query_words(query tsquery) returns text[]
  language sql immutable parallel safe
  set search_path = ''
  as $$
    select case when t.tree = 'T' or pg_catalog.strpos(t.tree, ':*') > 0 then null
                else array(select m[1] from pg_catalog.regexp_matches(t.tree, '(''(?:[^'']|'''')*'')', 'g') m)
           end
      from (select pg_catalog.querytree(query) as tree) t
  $$;
comment on function app.marketplace_query_words(tsquery) is
  'The words (as tsquery prints them) one of which every match of the query has; null when a match need have none.';
revoke all on function app.marketplace_query_words(tsquery) from public;
grant execute on function app.marketplace_query_words(tsquery) to map_app;

-- Keeps a draft's words in step with its text: written when the draft is created, rewritten when its text
-- changes, gone when it is published (and with it, by the foreign key, when it is deleted).
create function app.marketplace_draft_words_sync() returns trigger
  language plpgsql
  set search_path = ''
  as $$
  begin
    if tg_op = 'UPDATE' and old.published_at is null then
      delete from public.marketplace_draft_words where tenant_id = old.tenant_id and listing_id = old.id;
    end if;
    if new.published_at is null then
      insert into public.marketplace_draft_words (tenant_id, listing_id, word)
      select new.tenant_id, new.id, app.marketplace_lexeme_word(t.lexeme) from pg_catalog.unnest(new.search) t;
    end if;
    return null;
  end
  $$;
comment on function app.marketplace_draft_words_sync() is
  'Trigger: writes the marketplace_draft_words of a draft listing as it is created or its text changes, removes them as it is published.';
revoke all on function app.marketplace_draft_words_sync() from public;
create trigger marketplace_draft_words_insert after insert on marketplace_listings
  for each row when (new.published_at is null) execute function app.marketplace_draft_words_sync();
create trigger marketplace_draft_words_update after update of search, published_at on marketplace_listings
  for each row when ((old.published_at is null or new.published_at is null)
                     and (old.search is distinct from new.search
                          or (old.published_at is null) <> (new.published_at is null)))
  execute function app.marketplace_draft_words_sync();

-- The drafts before this migration, tenant by tenant: the owner sees a tenant's drafts, and may write their
-- words, only with that tenant set (RLS is forced on both tables).
do $$
declare t uuid;
begin
  for t in select id from tenants loop
    perform set_config('app.current_tenant_id', t::text, true);
    insert into marketplace_draft_words (tenant_id, listing_id, word)
    select l.tenant_id, l.id, app.marketplace_lexeme_word(w.lexeme)
      from marketplace_listings l, unnest(l.search) w
     where l.tenant_id = t and l.published_at is null;
  end loop;
  perform set_config('app.current_tenant_id', '', true);
end
$$;

-- A search without words, or one whose words require none, reads the caller's drafts from this index
-- alone (an index-only scan: their sort keys, filters and the columns of the read policy are in it),
-- instead of a heap page per draft. Tags stay out (up to 20 of 100 characters: an entry must stay under
-- btree's 2,704 bytes); a tag filter reads the drafts' rows.
drop index marketplace_listings_drafts_idx;
create index marketplace_listings_drafts_idx on marketplace_listings (tenant_id, created_at, slug)
  include (id, published_at, category, install_count, rating_count, rating_sum)
  where published_at is null;

-- Down Migration

drop index marketplace_listings_drafts_idx;
create index marketplace_listings_drafts_idx on marketplace_listings (tenant_id, created_at, slug)
  where published_at is null;
drop trigger marketplace_draft_words_update on marketplace_listings;
drop trigger marketplace_draft_words_insert on marketplace_listings;
drop function app.marketplace_draft_words_sync();
drop function app.marketplace_query_words(tsquery);
drop function app.marketplace_lexeme_word(text);
drop table marketplace_draft_words;
