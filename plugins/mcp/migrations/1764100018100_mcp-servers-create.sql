-- Up Migration

-- MCP servers a tenant registered (issue 18): where the server is and the headers sent to it. Each tool the
-- server lists is materialised as a catalog tool of kind mcp; mcp_server_tools links the two, so refresh and
-- delete find a server's tools without reading the catalog's table.

create table mcp_servers (
  tenant_id uuid not null default app.current_tenant_id() references tenants (id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  -- Prefix of the tools' names (<name>_<tool>).
  name text not null check (name ~ '^[a-z0-9][a-z0-9_-]{0,31}$'),
  url text not null check (char_length(url) between 1 and 2048),
  -- Header name -> value; a value may hold {{secrets.NAME}} references, never a resolved secret.
  headers jsonb not null default '{}' check (jsonb_typeof(headers) = 'object'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  constraint mcp_servers_tenant_id_name_key unique (tenant_id, name)
);
comment on table mcp_servers is
  'MCP servers of a tenant (streamable HTTP): their tools are catalog tools of kind mcp, linked in mcp_server_tools.';
comment on column mcp_servers.headers is
  'Sent on every request to the server; values may refer to secrets as {{secrets.NAME}} (resolved per use, never stored).';
create index mcp_servers_tenant_id_created_at_idx on mcp_servers (tenant_id, created_at desc, id);
alter table mcp_servers enable row level security;
alter table mcp_servers force row level security;
create policy mcp_servers_tenant_isolation on mcp_servers
  using (tenant_id = (select app.current_tenant_id()))
  with check (tenant_id = (select app.current_tenant_id()));
comment on policy mcp_servers_tenant_isolation on mcp_servers is
  'Reads and writes only the MCP servers of the tenant set for the transaction.';
grant select, insert, update, delete on mcp_servers to map_app;

create table mcp_server_tools (
  tenant_id uuid not null default app.current_tenant_id() references tenants (id) on delete cascade,
  server_id uuid not null,
  tool_id uuid not null,
  -- The tool's name on the server (what tools/call names), as the server listed it.
  remote_name text not null check (char_length(remote_name) between 1 and 256),
  primary key (tenant_id, server_id, remote_name),
  constraint mcp_server_tools_tool_key unique (tenant_id, tool_id),
  constraint mcp_server_tools_server_fkey foreign key (tenant_id, server_id)
    references mcp_servers (tenant_id, id) on delete cascade,
  -- A tool deleted through /api/v1/tools drops its link; the next refresh materialises it again.
  constraint mcp_server_tools_tool_fkey foreign key (tenant_id, tool_id)
    references tools (tenant_id, id) on delete cascade
);
comment on table mcp_server_tools is
  'Which catalog tool materialises which tool of an MCP server (composite keys: never across tenants).';
alter table mcp_server_tools enable row level security;
alter table mcp_server_tools force row level security;
create policy mcp_server_tools_tenant_isolation on mcp_server_tools
  using (tenant_id = (select app.current_tenant_id()))
  with check (tenant_id = (select app.current_tenant_id()));
comment on policy mcp_server_tools_tenant_isolation on mcp_server_tools is
  'Reads and writes only the links of the tenant set for the transaction.';
grant select, insert, update, delete on mcp_server_tools to map_app;

-- Down Migration

drop table mcp_server_tools;
drop table mcp_servers;
