-- Up Migration

-- Each of these tables also references its tenant's row through a composite key to a parent that does:
-- an execution its agent (tenant_id, agent_id), a step or an event its execution, a count its agent. The
-- parent's row exists only while its tenant's does, and a tenant's delete reaches them through the parents'
-- ON DELETE CASCADE as before. The tenant key added nothing but its check: at every run's first insert, a
-- FOR KEY SHARE lock on the tenant's row, the one row all of the tenant's concurrent runs lock (a new
-- MultiXact each time one more transaction holds it). tenant_id stays covered by a foreign key (the RLS
-- audit's rule) and stays the first column of every key.
alter table execution_logs drop constraint execution_logs_tenant_id_fkey;
alter table execution_steps drop constraint execution_steps_tenant_id_fkey;
alter table execution_events drop constraint execution_events_tenant_id_fkey;
alter table execution_counts drop constraint execution_counts_tenant_id_fkey;

-- Down Migration

alter table execution_counts add constraint execution_counts_tenant_id_fkey
  foreign key (tenant_id) references tenants (id) on delete cascade;
alter table execution_events add constraint execution_events_tenant_id_fkey
  foreign key (tenant_id) references tenants (id) on delete cascade;
alter table execution_steps add constraint execution_steps_tenant_id_fkey
  foreign key (tenant_id) references tenants (id) on delete cascade;
alter table execution_logs add constraint execution_logs_tenant_id_fkey
  foreign key (tenant_id) references tenants (id) on delete cascade;
