-- Up Migration

-- Tools and agents carry a version (issue 16): the API's ETag is made of it, and a conditional write
-- (If-Match) updates only `where version = <expected>`, incrementing it in the same statement, so the
-- check and the write are one atomic step however many clients race. A column rather than xmin: it
-- survives dump and restore, and anyone reading the table sees it.
alter table tools
  add column version integer not null default 1 constraint tools_version_check check (version >= 1);
comment on column tools.version is
  'Incremented by every write of the tool; the ETag is made of it. A conditional write matches on it.';

-- An agent's representation embeds its tools' names and descriptions: its version moves on when its own
-- fields or its links change, and when a linked tool's name or description is written.
alter table agents
  add column version integer not null default 1 constraint agents_version_check check (version >= 1);
comment on column agents.version is
  'Incremented by every write of the agent, of its links, or of a linked tool''s name or description.';

-- map_app updates tools column by column (the kind never changes): version is one more column it writes.
-- agents keeps its table-wide UPDATE grant, which covers the new column.
grant update (version) on tools to map_app;

-- Down Migration

revoke update (version) on tools from map_app;
alter table agents drop column version;
alter table tools drop column version;
