-- Up Migration

-- Discover (issue 20): searching the published listings of every tenant, index-backed for the app role.
--
-- Why tables of its own. Under row-level security PostgreSQL lets a clause of the query become an index
-- condition only when its operator is LEAKPROOF: otherwise the operator could see (and leak, through an
-- error or a side channel) rows the policy hides, before the policy has filtered them. The full-text match
-- (@@, ts_match_vq) and pg_trgm's similarity operators are not leakproof, and only a superuser can mark a
-- function so. For map_app, then, no GIN index on marketplace_listings can ever serve a search: every search
-- would read the whole table (plugins/marketplace/test/discover.plans.test.ts shows that plan).
-- marketplace_search holds what is public anyway, the searchable text and the counters of published
-- listings (no tenant_id, no draft), under a read policy of `true` that leaves no security condition above
-- the query's own; so its GIN index serves the search. marketplace_search_words holds the words of
-- published listings' names, for typos: a query word that is none of them is looked up there by trigram
-- similarity (its GIN index) and the close words are searched too. Only marketplace_listings' trigger below
-- writes them (SECURITY DEFINER); map_app may only read them. The page's listings are then read from
-- marketplace_listings by slug (a btree lookup with a leakproof operator), under its policies as ever.
create table marketplace_search (
  -- The listing (slugs are unique across tenants); its row goes with the listing.
  slug text not null primary key references marketplace_listings (slug) on delete cascade,
  category text not null,
  tags text[] not null,
  search tsvector not null,
  published_at timestamptz not null,
  install_count bigint not null,
  rating_count bigint not null,
  rating_sum bigint not null,
  -- The sort key of sort=rating: the mean, 0 without ratings (ranked after every rated listing).
  rating_mean float8 generated always as (
    case when rating_count > 0 then rating_sum::float8 / rating_count else 0 end) stored
);
comment on table marketplace_search is
  'The public search projection of published listings (no publisher, no draft): readable by every tenant, written only by app.marketplace_search_sync().';
-- Relevance: full text, weighted name A > summary B > description C (ts_rank).
create index marketplace_search_search_idx on marketplace_search using gin (search);
-- The other sorts walk these backwards from a cursor's position: (key..., slug) descending.
create index marketplace_search_newest_idx on marketplace_search (published_at, slug);
create index marketplace_search_installs_idx on marketplace_search (install_count, slug);
create index marketplace_search_rating_idx on marketplace_search (rating_mean, rating_count, slug);
alter table marketplace_search enable row level security;
alter table marketplace_search force row level security;
create policy marketplace_search_read on marketplace_search for select using (true);
comment on policy marketplace_search_read on marketplace_search is
  'Shared read: every row is a published listing, public by definition (declared in the plugin''s sharedTables).';
create policy marketplace_search_owner_sync on marketplace_search to map_owner using (true) with check (true);
comment on policy marketplace_search_owner_sync on marketplace_search is
  'Lets app.marketplace_search_sync() (SECURITY DEFINER, the owner) keep the projection in step with the listings.';
grant select on marketplace_search to map_app;

create table marketplace_search_words (
  word text not null primary key check (char_length(word) between 4 and 64)
);
comment on table marketplace_search_words is
  'The words of published listings'' names (lower case, 4 letters or more), for correcting typos in a search. Public; written only by app.marketplace_search_sync().';
create index marketplace_search_words_trgm_idx on marketplace_search_words using gin (word gin_trgm_ops);
alter table marketplace_search_words enable row level security;
alter table marketplace_search_words force row level security;
create policy marketplace_search_words_read on marketplace_search_words for select using (true);
comment on policy marketplace_search_words_read on marketplace_search_words is
  'Shared read: words of published names, public by definition (declared in the plugin''s sharedTables).';
create policy marketplace_search_words_owner_sync on marketplace_search_words to map_owner
  using (true) with check (true);
comment on policy marketplace_search_words_owner_sync on marketplace_search_words is
  'Lets app.marketplace_search_sync() (SECURITY DEFINER, the owner) add the words of published names.';
grant select on marketplace_search_words to map_app;

-- Keeps marketplace_search equal to the published listings: inserted when a listing is published, changed
-- with it (its counters too, which the counter triggers move), removed when it is deleted. The words of a
-- published name are added to marketplace_search_words and never removed: a word no listing has any more
-- only makes a typo match nothing more.
create function app.marketplace_search_sync() returns trigger
  language plpgsql security definer
  set search_path = ''
  as $$
  begin
    if tg_op = 'DELETE' then
      delete from public.marketplace_search where slug = old.slug;
    elsif new.published_at is null then
      delete from public.marketplace_search where slug = new.slug;
    else
      insert into public.marketplace_search as s
             (slug, category, tags, search, published_at, install_count, rating_count, rating_sum)
      values (new.slug, new.category, new.tags, new.search, new.published_at, new.install_count,
              new.rating_count, new.rating_sum)
      on conflict (slug) do update
         set category = excluded.category, tags = excluded.tags, search = excluded.search,
             published_at = excluded.published_at, install_count = excluded.install_count,
             rating_count = excluded.rating_count, rating_sum = excluded.rating_sum
       where (s.category, s.tags, s.search, s.published_at, s.install_count, s.rating_count, s.rating_sum)
             is distinct from
             (excluded.category, excluded.tags, excluded.search, excluded.published_at, excluded.install_count,
              excluded.rating_count, excluded.rating_sum);
      -- Skipped when only a counter moved (OLD is not assigned on INSERT: tested apart).
      if tg_op = 'UPDATE' then
        if new.name is not distinct from old.name and old.published_at is not null then
          return null;
        end if;
      end if;
      -- In word order: two publications sharing words take their locks in the same order (no deadlock).
      insert into public.marketplace_search_words (word)
      select distinct w from regexp_split_to_table(lower(new.name), '[^[:alnum:]]+') w
       where char_length(w) between 4 and 64
       order by w
      on conflict (word) do nothing;
    end if;
    return null;
  end
  $$;
comment on function app.marketplace_search_sync() is
  'Trigger: copies a published listing''s searchable fields and counters to marketplace_search, its name''s words to marketplace_search_words.';
revoke all on function app.marketplace_search_sync() from public;
create trigger marketplace_listings_search_sync after insert or update or delete on marketplace_listings
  for each row execute function app.marketplace_search_sync();

-- The caller's drafts, which a search adds to the published listings: only the tenant's drafts are read
-- (a publisher has few), whatever the number of its published listings. IS NULL is no operator, so the
-- index serves map_app under the listings' policies.
create index marketplace_listings_drafts_idx on marketplace_listings (tenant_id, created_at, slug)
  where published_at is null;

-- The listings published before this migration (the owner reads them through its counter policy).
insert into marketplace_search (slug, category, tags, search, published_at, install_count, rating_count, rating_sum)
select slug, category, tags, search, published_at, install_count, rating_count, rating_sum
  from marketplace_listings where published_at is not null;
insert into marketplace_search_words (word)
select distinct w from marketplace_listings, regexp_split_to_table(lower(name), '[^[:alnum:]]+') w
 where published_at is not null and char_length(w) between 4 and 64;

-- The GIN indexes on marketplace_listings cannot serve map_app (see above) and cost every write, each
-- counter move included: marketplace_search and marketplace_search_words have theirs instead.
drop index marketplace_listings_search_idx;
drop index marketplace_listings_name_trgm_idx;

-- Down Migration

create index marketplace_listings_search_idx on marketplace_listings using gin (search) where published_at is not null;
create index marketplace_listings_name_trgm_idx on marketplace_listings using gin (name gin_trgm_ops)
  where published_at is not null;
drop index marketplace_listings_drafts_idx;
drop trigger marketplace_listings_search_sync on marketplace_listings;
drop function app.marketplace_search_sync();
drop table marketplace_search_words;
drop table marketplace_search;
