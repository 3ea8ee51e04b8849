-- Up Migration

-- An agent installed from the marketplace (issue 20) shows where it came from: its `source`, the listing,
-- version and package hash it was installed (or last upgraded) from. A seam the catalog offers: only the
-- catalog's installed-agent methods write it (agents.service.ts createInstalled / setSource, which the
-- marketplace calls); the public agent API has no body field for it, so a tenant cannot forge provenance.
-- Null: an agent made through the API.
alter table agents
  add column source jsonb constraint agents_source_check check (source is null or jsonb_typeof(source) = 'object');
comment on column agents.source is
  'Provenance of an agent installed from the marketplace ({listing, version, package_sha256, installed_at, upgraded_at}); null for others. Written only by the catalog''s installed-agent methods.';

-- Down Migration

alter table agents drop column source;
