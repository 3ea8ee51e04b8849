-- Up Migration

-- The marketplace (issue 20): a tenant publishes listings (an agent with its tools, as immutable versioned
-- packages); every tenant reads what is published; installs and ratings stay each tenant's own. Shared rows
-- under RLS: one policy per command. SELECT lets every tenant read a published listing (and its published
-- versions) and its publisher read its own always; INSERT, UPDATE and DELETE are the publisher's only. The
-- aggregates other tenants see (installs, ratings, downloads) live in counter columns that only SECURITY
-- DEFINER triggers on each tenant's own rows change, so nobody learns who installed or rated what.
create extension if not exists pg_trgm;

create table marketplace_listings (
  tenant_id uuid not null default app.current_tenant_id() references tenants (id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  -- Global: a slug names one listing across tenants (taken: 409). Its uniqueness is public anyway (the
  -- listing, once published, is), and a draft's slug is reserved by design.
  slug text not null check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(slug) between 3 and 64),
  name text not null check (char_length(name) between 1 and 100),
  summary text not null check (char_length(summary) between 1 and 300),
  description text not null default '' check (char_length(description) <= 20000),
  category text not null check (char_length(category) between 1 and 50),
  tags text[] not null default '{}' check (cardinality(tags) <= 20),
  -- When its first version was published; null: a draft, seen by its publisher only.
  published_at timestamptz,
  -- Aggregates every reader sees; written only by the app.marketplace_count_* triggers (no grant to map_app).
  install_count bigint not null default 0 check (install_count >= 0),
  download_count bigint not null default 0 check (download_count >= 0),
  rating_count bigint not null default 0 check (rating_count >= 0),
  rating_sum bigint not null default 0 check (rating_sum >= 0),
  search tsvector generated always as (
    setweight(to_tsvector('english', name), 'A') ||
    setweight(to_tsvector('english', summary), 'B') ||
    setweight(to_tsvector('english', description), 'C')) stored,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  constraint marketplace_listings_slug_key unique (slug)
);
comment on table marketplace_listings is
  'Agent templates a tenant publishes. Readable by every tenant once published, by its publisher always; written by its publisher only.';
create index marketplace_listings_search_idx on marketplace_listings using gin (search) where published_at is not null;
create index marketplace_listings_name_trgm_idx on marketplace_listings using gin (name gin_trgm_ops)
  where published_at is not null;
create index marketplace_listings_published_idx on marketplace_listings (published_at desc, id desc)
  where published_at is not null;
create index marketplace_listings_tenant_id_created_at_idx on marketplace_listings (tenant_id, created_at desc, id desc);
alter table marketplace_listings enable row level security;
alter table marketplace_listings force row level security;
create policy marketplace_listings_read on marketplace_listings for select
  using (published_at is not null or tenant_id = (select app.current_tenant_id()));
comment on policy marketplace_listings_read on marketplace_listings is
  'Shared read: every tenant sees published listings; a publisher also sees its drafts.';
create policy marketplace_listings_insert on marketplace_listings for insert
  with check (tenant_id = (select app.current_tenant_id()));
create policy marketplace_listings_update on marketplace_listings for update
  using (tenant_id = (select app.current_tenant_id()))
  with check (tenant_id = (select app.current_tenant_id()));
create policy marketplace_listings_delete on marketplace_listings for delete
  using (tenant_id = (select app.current_tenant_id()));
comment on policy marketplace_listings_insert on marketplace_listings is 'Writes: the publisher only.';
comment on policy marketplace_listings_update on marketplace_listings is 'Writes: the publisher only.';
comment on policy marketplace_listings_delete on marketplace_listings is 'Writes: the publisher only.';
grant select, insert, delete on marketplace_listings to map_app;
grant update (name, summary, description, category, tags, published_at, updated_at) on marketplace_listings to map_app;

create table marketplace_versions (
  tenant_id uuid not null default app.current_tenant_id(),
  id uuid not null default gen_random_uuid(),
  listing_id uuid not null,
  -- Semantic version (major.minor.patch, optional pre-release); ordered by the service, greater than the last.
  version text not null check (char_length(version) between 5 and 64),
  status text not null default 'validating' check (status in ('validating', 'published', 'rejected')),
  changelog text not null default '' check (char_length(changelog) <= 10000),
  example_prompts jsonb not null default '[]',
  -- The immutable package: the agent and its tools as published (secret references, never values).
  package jsonb not null,
  package_sha256 text not null check (package_sha256 ~ '^[0-9a-f]{64}$'),
  -- The validation report: one entry per check ({check, passed, message, details}).
  report jsonb,
  yanked_at timestamptz,
  created_at timestamptz not null default now(),
  validated_at timestamptz,
  primary key (tenant_id, id),
  constraint marketplace_versions_listing_version_key unique (tenant_id, listing_id, version),
  constraint marketplace_versions_listing_fkey foreign key (tenant_id, listing_id)
    references marketplace_listings (tenant_id, id) on delete cascade
);
comment on table marketplace_versions is
  'Immutable packages of a listing. Published ones are readable by every tenant; validating and rejected ones (and their reports) by the publisher only.';
create index marketplace_versions_listing_idx on marketplace_versions (tenant_id, listing_id, created_at desc);
alter table marketplace_versions enable row level security;
alter table marketplace_versions force row level security;
create policy marketplace_versions_read on marketplace_versions for select
  using (status = 'published' or tenant_id = (select app.current_tenant_id()));
comment on policy marketplace_versions_read on marketplace_versions is
  'Shared read: every tenant sees published versions (yanked ones too, marked); the publisher sees all of its own.';
create policy marketplace_versions_insert on marketplace_versions for insert
  with check (tenant_id = (select app.current_tenant_id()));
create policy marketplace_versions_update on marketplace_versions for update
  using (tenant_id = (select app.current_tenant_id()))
  with check (tenant_id = (select app.current_tenant_id()));
comment on policy marketplace_versions_insert on marketplace_versions is 'Writes: the publisher only.';
comment on policy marketplace_versions_update on marketplace_versions is 'Writes: the publisher only.';
grant select, insert on marketplace_versions to map_app;
grant update (status, report, yanked_at, validated_at) on marketplace_versions to map_app;

-- What a tenant installed: its own rows only (nobody else learns who installed what).
create table marketplace_installs (
  tenant_id uuid not null default app.current_tenant_id() references tenants (id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  agent_id uuid not null,
  -- Provenance, as it was at install time (the listing is another tenant's: no foreign key across tenants).
  listing_slug text not null,
  version text not null,
  package_sha256 text not null check (package_sha256 ~ '^[0-9a-f]{64}$'),
  -- The package as installed: an upgrade compares it with the agent now (local edits are conflicts).
  package jsonb not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  constraint marketplace_installs_agent_key unique (tenant_id, agent_id),
  constraint marketplace_installs_agent_fkey foreign key (tenant_id, agent_id)
    references agents (tenant_id, id) on delete cascade
);
comment on table marketplace_installs is 'The agents a tenant installed from the marketplace, with their provenance.';
alter table marketplace_installs enable row level security;
alter table marketplace_installs force row level security;
create policy marketplace_installs_tenant_isolation on marketplace_installs
  using (tenant_id = (select app.current_tenant_id()))
  with check (tenant_id = (select app.current_tenant_id()));
comment on policy marketplace_installs_tenant_isolation on marketplace_installs is
  'Reads and writes only rows of the tenant set for the transaction; nothing when no tenant is set.';
grant select, insert, update, delete on marketplace_installs to map_app;

-- One rating per tenant per listing; its own rows only (nobody else learns who rated).
create table marketplace_ratings (
  tenant_id uuid not null default app.current_tenant_id() references tenants (id) on delete cascade,
  listing_slug text not null,
  stars smallint not null check (stars between 1 and 5),
  review text check (char_length(review) <= 5000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, listing_slug)
);
comment on table marketplace_ratings is 'A tenant''s rating of a listing (one per listing; a second replaces it).';
alter table marketplace_ratings enable row level security;
alter table marketplace_ratings force row level security;
create policy marketplace_ratings_tenant_isolation on marketplace_ratings
  using (tenant_id = (select app.current_tenant_id()))
  with check (tenant_id = (select app.current_tenant_id()));
comment on policy marketplace_ratings_tenant_isolation on marketplace_ratings is
  'Reads and writes only rows of the tenant set for the transaction; nothing when no tenant is set.';
grant select, insert, update, delete on marketplace_ratings to map_app;

-- What a tenant downloaded (the counter's source; its own rows only).
create table marketplace_downloads (
  tenant_id uuid not null default app.current_tenant_id() references tenants (id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  listing_slug text not null,
  version text not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id)
);
comment on table marketplace_downloads is 'The packages a tenant downloaded (each download, for the listing''s count).';
alter table marketplace_downloads enable row level security;
alter table marketplace_downloads force row level security;
create policy marketplace_downloads_tenant_isolation on marketplace_downloads
  using (tenant_id = (select app.current_tenant_id()))
  with check (tenant_id = (select app.current_tenant_id()));
comment on policy marketplace_downloads_tenant_isolation on marketplace_downloads is
  'Reads and writes only rows of the tenant set for the transaction; nothing when no tenant is set.';
grant select, insert on marketplace_downloads to map_app;

-- The aggregates: triggers on each tenant's own installs, ratings and downloads move the counters of the
-- published listing they name, by exactly that row's change. The trigger functions run as the owner
-- (SECURITY DEFINER) under owner policies that reach only published listings; map_app cannot call them
-- (a trigger function is not callable), so a tenant moves a counter only by its own rows, one each.
create policy marketplace_listings_owner_count_read on marketplace_listings for select to map_owner
  using (published_at is not null);
create policy marketplace_listings_owner_count on marketplace_listings for update to map_owner
  using (published_at is not null) with check (published_at is not null);
comment on policy marketplace_listings_owner_count_read on marketplace_listings is
  'Lets the marketplace counter triggers (SECURITY DEFINER) find a published listing by slug.';
comment on policy marketplace_listings_owner_count on marketplace_listings is
  'Lets the marketplace counter triggers (SECURITY DEFINER) change its counters.';

create function app.marketplace_count_installs() returns trigger
  language plpgsql security definer
  set search_path = ''
  as $$
  begin
    if tg_op = 'INSERT' then
      update public.marketplace_listings set install_count = install_count + 1 where slug = new.listing_slug;
    elsif tg_op = 'DELETE' then
      update public.marketplace_listings set install_count = greatest(install_count - 1, 0)
       where slug = old.listing_slug;
    end if;
    return null;
  end
  $$;
comment on function app.marketplace_count_installs() is
  'Trigger: a tenant''s install (or its removal) moves the listing''s install count by one.';
create trigger marketplace_installs_count after insert or delete on marketplace_installs
  for each row execute function app.marketplace_count_installs();

create function app.marketplace_count_downloads() returns trigger
  language plpgsql security definer
  set search_path = ''
  as $$
  begin
    update public.marketplace_listings set download_count = download_count + 1 where slug = new.listing_slug;
    return null;
  end
  $$;
comment on function app.marketplace_count_downloads() is
  'Trigger: a tenant''s download adds one to the listing''s download count.';
create trigger marketplace_downloads_count after insert on marketplace_downloads
  for each row execute function app.marketplace_count_downloads();

create function app.marketplace_count_ratings() returns trigger
  language plpgsql security definer
  set search_path = ''
  as $$
  begin
    if tg_op in ('UPDATE', 'DELETE') then
      update public.marketplace_listings
         set rating_count = greatest(rating_count - 1, 0), rating_sum = greatest(rating_sum - old.stars, 0)
       where slug = old.listing_slug;
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
      update public.marketplace_listings
         set rating_count = rating_count + 1, rating_sum = rating_sum + new.stars
       where slug = new.listing_slug;
    end if;
    return null;
  end
  $$;
comment on function app.marketplace_count_ratings() is
  'Trigger: a tenant''s rating (new, replaced or removed) moves the listing''s rating count and sum.';
create trigger marketplace_ratings_count after insert or update of stars, listing_slug or delete on marketplace_ratings
  for each row execute function app.marketplace_count_ratings();

revoke all on function app.marketplace_count_installs() from public;
revoke all on function app.marketplace_count_downloads() from public;
revoke all on function app.marketplace_count_ratings() from public;

-- Down Migration

drop table marketplace_downloads;
drop table marketplace_ratings;
drop table marketplace_installs;
drop table marketplace_versions;
drop table marketplace_listings;
drop function app.marketplace_count_ratings();
drop function app.marketplace_count_downloads();
drop function app.marketplace_count_installs();
