-- Up Migration

-- Validation reports are the publisher's alone (issue 20: another tenant cannot read A's reports). Row-level
-- security hides rows, not columns: while the report was a column of marketplace_versions, whose read policy
-- admits every published version to every tenant, any tenant reading that table as the app role read the
-- report of every published version. It moves to a table of its own under the usual tenant isolation, one
-- row per validated version, written with the version's outcome (publish.versions.repo.ts finish()).
create table marketplace_version_reports (
  tenant_id uuid not null default app.current_tenant_id() references tenants (id) on delete cascade,
  version_id uuid not null,
  -- One entry per check ({check, passed, message, details}), in the report's order.
  report jsonb not null check (jsonb_typeof(report) = 'array'),
  created_at timestamptz not null default now(),
  primary key (tenant_id, version_id),
  -- The publisher's own version only: the composite key finds no (B, A's version).
  constraint marketplace_version_reports_version_fkey foreign key (tenant_id, version_id)
    references marketplace_versions (tenant_id, id) on delete cascade
);
comment on table marketplace_version_reports is
  'The validation report of a listing version: its publisher''s only, whether the version is published or not.';

-- The reports written so far. RLS is forced on the owner too: it sees every tenant's versions only while
-- forcing is lifted, inside this migration's transaction (the new table is not yet under RLS).
alter table marketplace_versions no force row level security;
insert into marketplace_version_reports (tenant_id, version_id, report, created_at)
select tenant_id, id, report, coalesce(validated_at, created_at)
  from marketplace_versions where report is not null;
alter table marketplace_versions force row level security;

alter table marketplace_version_reports enable row level security;
alter table marketplace_version_reports force row level security;
create policy marketplace_version_reports_tenant_isolation on marketplace_version_reports
  using (tenant_id = (select app.current_tenant_id()))
  with check (tenant_id = (select app.current_tenant_id()));
comment on policy marketplace_version_reports_tenant_isolation on marketplace_version_reports is
  'Reads and writes only rows of the tenant set for the transaction; nothing when no tenant is set.';
-- Written once with the outcome and never changed; deleted only with its version (the foreign key's cascade).
grant select, insert on marketplace_version_reports to map_app;

revoke update (report) on marketplace_versions from map_app;
alter table marketplace_versions drop column report;
comment on table marketplace_versions is
  'Immutable packages of a listing. Published ones are readable by every tenant; validating and rejected ones by the publisher only. Reports: marketplace_version_reports.';

-- Down Migration

alter table marketplace_versions add column report jsonb;
alter table marketplace_versions no force row level security;
alter table marketplace_version_reports no force row level security;
update marketplace_versions v set report = r.report
  from marketplace_version_reports r
 where r.tenant_id = v.tenant_id and r.version_id = v.id;
alter table marketplace_versions force row level security;
grant update (report) on marketplace_versions to map_app;
comment on table marketplace_versions is
  'Immutable packages of a listing. Published ones are readable by every tenant; validating and rejected ones (and their reports) by the publisher only.';
drop table marketplace_version_reports;
