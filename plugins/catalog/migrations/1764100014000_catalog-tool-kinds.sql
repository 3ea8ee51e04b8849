-- Up Migration

-- Tools gain a kind, an input schema and the kind's own fields (issue 15). Every existing tool becomes a
-- client tool (the caller runs it) taking any object, which is what the defaults say. The list of kinds is
-- not written here: plugins contribute kinds at boot, and the app checks a tool's kind and fields.
alter table tools
  add column kind text not null default 'client'
    constraint tools_kind_check check (kind ~ '^[a-z][a-z0-9-]*$' and char_length(kind) <= 50),
  add column input_schema jsonb not null default '{"type": "object"}'
    constraint tools_input_schema_check check (jsonb_typeof(input_schema) = 'object'),
  add column config jsonb not null default '{}'
    constraint tools_config_check check (jsonb_typeof(config) = 'object');
comment on column tools.kind is
  'How the tool runs: client (by the caller), builtin, javascript, or a kind a plugin contributes. Never changes.';
comment on column tools.input_schema is 'JSON Schema 2020-12 object schema the tool''s input must match.';
comment on column tools.config is
  'The kind''s own fields, as the kind normalised them (builtin: {builtin}; javascript: {code, timeout_ms}).';

-- A tool's kind never changes (a javascript tool does not become a client tool under an agent that uses
-- it): the API may update every column but kind, id and tenant_id, so the database refuses it as well.
revoke update on tools from map_app;
grant update (name, description, input_schema, config, updated_at) on tools to map_app;

-- Down Migration

revoke update on tools from map_app;
grant update on tools to map_app;
alter table tools drop column config, drop column input_schema, drop column kind;
