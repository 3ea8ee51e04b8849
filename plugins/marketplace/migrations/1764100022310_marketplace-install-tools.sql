-- Up Migration

-- An install remembers which of the tenant's tools each tool of the package became, by the package's tool
-- name, so that an upgrade compares each tool with its own copy even after the tenant renamed it, and
-- knows one the tenant deleted. Tools are the tenant's own (same tenant_id); a tool deleted since is
-- simply absent from the tools table, which the upgrade reports.
alter table marketplace_installs
  add column tool_ids jsonb not null default '{}'
    constraint marketplace_installs_tool_ids_check check (jsonb_typeof(tool_ids) = 'object');
comment on column marketplace_installs.tool_ids is
  'The package''s tool name -> the id of the tenant''s tool it became (tools of this tenant; a deleted one is reported by an upgrade).';

-- Down Migration

alter table marketplace_installs drop column tool_ids;
