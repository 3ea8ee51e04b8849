-- Up Migration

-- Relevance by tiers (issue 20): a listing whose name has the words comes first, then one whose name and
-- summary have them, then the rest, ties by slug descending (marketplace.discover.openapi.yaml). A word on a
-- few percent of 100,000 listings matches thousands; ranking them all (ts_rank over every match, as
-- before) read thousands of rows for one page. marketplace_search_terms lists, for each word (lexeme) of a
-- published listing's name or summary, the listing and its best tier, in a btree that a one-word search
-- walks in its order: (term, rank, slug) descending, from the cursor's position, one page of index entries.
-- Descriptions are not in it (unbounded text, up to 20,000 characters): a one-word search reads the
-- listings that have its word in their description only through the GIN index of marketplace_search, and
-- only when the names and summaries leave its page short.
create table marketplace_search_terms (
  -- The lexeme as a one-word tsquery prints it (websearch_to_tsquery('english', 'Invoices')::text is
  -- 'invoic', quoted), so a query's word is found by equality of texts both made by tsquery's output.
  term text not null,
  slug text not null references marketplace_search (slug) on delete cascade,
  -- 3: the word is in the name; 2: in the summary, not the name.
  rank smallint not null check (rank in (2, 3)),
  primary key (slug, term)
);
comment on table marketplace_search_terms is
  'The words of published listings'' names and summaries, each with its listing and tier (3 name, 2 summary): a one-word search walks it in relevance order. Public; written only by app.marketplace_search_terms_sync().';
create index marketplace_search_terms_walk_idx on marketplace_search_terms (term, rank, slug);
alter table marketplace_search_terms enable row level security;
alter table marketplace_search_terms force row level security;
create policy marketplace_search_terms_read on marketplace_search_terms for select using (true);
comment on policy marketplace_search_terms_read on marketplace_search_terms is
  'Shared read: words of published names and summaries, public by definition (declared in the plugin''s sharedTables).';
create policy marketplace_search_terms_owner_sync on marketplace_search_terms to map_owner
  using (true) with check (true);
comment on policy marketplace_search_terms_owner_sync on marketplace_search_terms is
  'Lets app.marketplace_search_terms_sync() (SECURITY DEFINER, the owner) keep the terms in step with marketplace_search.';
grant select on marketplace_search_terms to map_app;

-- A tag with words: the rows that have both, intersecting this index with the text's (a BitmapAnd), instead
-- of reading every row with the words to keep those with the tag.
create index marketplace_search_tags_idx on marketplace_search using gin (tags);

-- A listing's terms from its weighted vector: A (name) is tier 3, B (summary) tier 2, C (description) none.
create function app.marketplace_search_terms_of(search tsvector) returns table (term text, rank smallint)
  language sql immutable parallel safe
  set search_path = ''
  as $$
    select ('''' || replace(replace(t.lexeme, '\', '\\'), '''', '''''') || '''')::pg_catalog.tsquery::text,
           (case when 'A' = any(t.weights) then 3 else 2 end)::smallint
      from pg_catalog.unnest(search) t
     where t.weights && array['A', 'B']
  $$;
comment on function app.marketplace_search_terms_of(tsvector) is
  'The rows of marketplace_search_terms for a listing''s search vector: its name''s and summary''s lexemes with their tier.';
revoke all on function app.marketplace_search_terms_of(tsvector) from public;

-- Keeps a listing's terms in step with its row of marketplace_search, which only
-- app.marketplace_search_sync() writes: written when the row comes (a publication), rewritten when its
-- vector changes (a text edit; a counter that moves leaves the vector, and the terms, as they are), gone
-- with it (on delete cascade: an unpublished or deleted listing).
create function app.marketplace_search_terms_sync() returns trigger
  language plpgsql security definer
  set search_path = ''
  as $$
  begin
    if tg_op = 'UPDATE' then
      delete from public.marketplace_search_terms where slug = new.slug;
    end if;
    insert into public.marketplace_search_terms (term, slug, rank)
    select t.term, new.slug, t.rank from app.marketplace_search_terms_of(new.search) t;
    return null;
  end
  $$;
comment on function app.marketplace_search_terms_sync() is
  'Trigger: writes the marketplace_search_terms of a marketplace_search row as it is inserted or its search vector changes.';
revoke all on function app.marketplace_search_terms_sync() from public;
create trigger marketplace_search_terms_insert after insert on marketplace_search
  for each row execute function app.marketplace_search_terms_sync();
create trigger marketplace_search_terms_update after update of search on marketplace_search
  for each row when (old.search is distinct from new.search)
  execute function app.marketplace_search_terms_sync();

-- The listings published before this migration.
insert into marketplace_search_terms (term, slug, rank)
select t.term, s.slug, t.rank from marketplace_search s, app.marketplace_search_terms_of(s.search) t;

-- Down Migration

drop trigger marketplace_search_terms_update on marketplace_search;
drop trigger marketplace_search_terms_insert on marketplace_search;
drop function app.marketplace_search_terms_sync();
drop index marketplace_search_tags_idx;
drop table marketplace_search_terms;
drop function app.marketplace_search_terms_of(tsvector);
