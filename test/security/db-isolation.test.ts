// Tenant isolation enforced by PostgreSQL itself: raw SQL as the API's role (map_app), no service code in
// between. Every rule here must hold even if a repository forgot a `where tenant_id = ...`.
//
// Plugin-aware: the table lists come from every plugin's tenantTables (the examples' included), and each
// plugin table gets the same checks on rows its own fixtures made through the API. Under
// `npm run test:plugin -- <id>`, only that plugin's tables get them.
import { randomBytes, randomUUID } from 'node:crypto'
import { expect } from 'chai'
import type postgres from 'postgres'
import { hashApiKey } from '../../app/auth/api-keys.js'
import { bundleSpec } from '../../app/kernel/spec.js'
import { createPool, inTenantTransaction, type Sql } from '../../db/client.js'
import { coreTenantTables } from '../../db/migrate.js'
import { appRole } from '../../db/roles.js'
import { asTenant, buildTestApp, createTestTenant, type TestTenant } from '../helpers/api.js'
import { declaredFixtures, tenantFixtures } from '../helpers/plugin-fixtures.js'
import { checkedPlugins, pluginUnderTest, testPlugins } from '../harness/plugins.js'
import { testStack } from '../harness/stack.js'

interface SeededTenant extends TestTenant {
  toolId: string
  agentId: string
  logId: string
}

/** Every table with a tenant_id: the core's and every plugin's. */
const tenantTables = [...coreTenantTables, ...testPlugins.flatMap((plugin) => plugin.tenantTables ?? [])]

/** Tables whose public rows every tenant reads on purpose (published marketplace listings: sharedTables). */
const sharedTables = new Set(testPlugins.flatMap((plugin) => Object.keys(plugin.sharedTables ?? {})))

/**
 * How many rows of a table the app role should see with no tenant set: none, or for a shared table the
 * public rows its read policies admit when no tenant is set (the policies evaluated by the superuser).
 */
async function publicRows(table: string): Promise<number> {
  if (!sharedTables.has(table)) return 0
  const { superSql } = testStack()
  const reads = await superSql<{ qual: string }[]>`
    select qual from pg_policies
     where schemaname = 'public' and tablename = ${table} and cmd in ('SELECT', 'ALL')
       and roles && array['public', ${appRole}]::name[]`
  const admitted = reads.map((policy) => `(${policy.qual})`).join(' or ')
  const [row] = await superSql.unsafe<{ n: number }[]>(
    `select count(*)::int as n from "${table}" where ${admitted}`,
  )
  return row!.n
}

/** A tenant with one tool, one agent linked to it and one execution log, written as the app role. */
async function seedTenant(label: string): Promise<SeededTenant> {
  const tenant = await createTestTenant(label)
  const suffix = randomUUID().slice(0, 8)
  return inTenantTransaction(testStack().appSql, tenant.tenantId, async (tx) => {
    const [tool] = await tx<{ id: string }[]>`
      insert into tools (name, description) values (${`tool-${suffix}`}, 'a tool') returning id`
    const [agent] = await tx<{ id: string }[]>`
      insert into agents (name, role, description) values (${`agent-${suffix}`}, 'helper', 'an agent')
      returning id`
    await tx`insert into agent_tools (agent_id, tool_id) values (${agent!.id}, ${tool!.id})`
    const [log] = await tx<{ id: string }[]>`
      insert into execution_logs (agent_id, agent_snapshot, model, provider, prompt, status)
      values (${agent!.id}, ${tx.json({ name: `agent-${suffix}` })}, 'test-model', 'test', 'hello', 'completed')
      returning id`
    return { ...tenant, toolId: tool!.id, agentId: agent!.id, logId: log!.id }
  })
}

async function seedTwoTenants(): Promise<{ a: SeededTenant; b: SeededTenant }> {
  const [a, b] = await Promise.all([seedTenant('iso-a'), seedTenant('iso-b')])
  return { a, b }
}

/** What both a pool and a transaction can run. */
type Queryable = postgres.ISql

/** The SQLSTATE a statement fails with, or 'no error' when it succeeds. */
async function errorCode(run: () => PromiseLike<unknown>): Promise<string> {
  try {
    await run()
  } catch (error) {
    const { code } = error as { code?: unknown }
    return typeof code === 'string' ? code : `error without code: ${String(error)}`
  }
  return 'no error'
}

/** Every row of the tenant, read as superuser (which bypasses row-level security). */
async function snapshotAsSuperuser(tenantId: string): Promise<Record<string, unknown[]>> {
  const { superSql } = testStack()
  const snapshot: Record<string, unknown[]> = {
    tenants: [...(await superSql`select * from tenants where id = ${tenantId}`)],
  }
  for (const table of tenantTables) {
    snapshot[table] = [
      ...(await superSql`
        select * from ${superSql(table)} t where tenant_id = ${tenantId} order by to_jsonb(t)::text`),
    ]
  }
  return snapshot
}

const countRows = async (sql: Queryable, table: string): Promise<number> => {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from ${sql(table)}`
  return row!.n
}

describe('database isolation for the app role', () => {
  describe('with no tenant set', () => {
    it('sees zero rows in every tenant table and in tenants (of a shared table, its public rows only), although rows exist', async () => {
      const { a } = await seedTwoTenants()
      const { appSql, superSql } = testStack()
      const [existing] = await superSql<{ n: number }[]>`
        select count(*)::int as n from tools where tenant_id = ${a.tenantId}`
      expect(existing!.n, 'rows the superuser sees').to.equal(1)
      // api_keys is left out: map_app has no grant on it at all (its own test below).
      for (const table of [...tenantTables.filter((t) => t !== 'api_keys'), 'tenants']) {
        const expected = await publicRows(table)
        expect(await countRows(appSql, table), `plain query on ${table}`).to.equal(expected)
        const inTransaction = await appSql.begin((tx) => countRows(tx, table))
        expect(inTransaction, `transaction without set_config on ${table}`).to.equal(expected)
      }
    })

    it("sees none of a tenant's rows even when asking for its tenant_id or ids explicitly", async () => {
      const { a } = await seedTwoTenants()
      const { appSql } = testStack()
      expect(await appSql`select id from tools where tenant_id = ${a.tenantId}`).to.have.length(0)
      expect(await appSql`select id from tools where id = ${a.toolId}`).to.have.length(0)
      expect(await appSql`select id from agents where id = ${a.agentId}`).to.have.length(0)
      expect(await appSql`select tool_id from agent_tools where agent_id = ${a.agentId}`).to.have.length(0)
      expect(await appSql`select id from execution_logs where id = ${a.logId}`).to.have.length(0)
      expect(await appSql`select id from tenants where id = ${a.tenantId}`).to.have.length(0)
    })

    it('refuses inserts into tools, agents, agent_tools and execution_logs with 42501 and writes nothing', async () => {
      const { a } = await seedTwoTenants()
      const { appSql, superSql } = testStack()
      const before = await snapshotAsSuperuser(a.tenantId)
      const marker = `no-tenant-${randomUUID()}`
      const attempts: Record<string, () => PromiseLike<unknown>> = {
        'tools (tenant_id defaulted)': () =>
          appSql`insert into tools (name, description) values (${marker}, 'x')`,
        'tools (tenant_id explicit)': () =>
          appSql`insert into tools (tenant_id, name, description) values (${a.tenantId}, ${marker}, 'x')`,
        agents: () => appSql`insert into agents (name, role, description) values (${marker}, 'r', 'd')`,
        agent_tools: () =>
          appSql`insert into agent_tools (agent_id, tool_id) values (${a.agentId}, ${a.toolId})`,
        execution_logs: () => appSql`
          insert into execution_logs (agent_id, agent_snapshot, model, provider, prompt, status)
          values (${a.agentId}, '{}'::jsonb, 'm', 'p', ${marker}, 'completed')`,
        'execution_logs in a transaction without set_config': () =>
          appSql.begin(
            (tx) => tx`
              insert into execution_logs (agent_id, agent_snapshot, model, provider, prompt, status)
              values (${a.agentId}, '{}'::jsonb, 'm', 'p', ${marker}, 'completed')`,
          ),
      }
      for (const [what, attempt] of Object.entries(attempts)) {
        // The RLS WITH CHECK runs before the NOT NULL check, so a NULL tenant is refused as a policy violation.
        expect(await errorCode(attempt), what).to.equal('42501')
      }
      const written = await superSql`
        select 'tools' as t from tools where name = ${marker}
        union all select 'agents' from agents where name = ${marker}
        union all select 'execution_logs' from execution_logs where prompt = ${marker}`
      expect(written).to.deep.equal([])
      const [links] = await superSql<{ n: number }[]>`
        select count(*)::int as n from agent_tools where tenant_id = ${a.tenantId}`
      expect(links!.n).to.equal(1)
      expect(await snapshotAsSuperuser(a.tenantId)).to.deep.equal(before)
    })

    it('refuses a malformed tenant id with 22P02 instead of reading anything', async () => {
      const { a } = await seedTwoTenants()
      const code = await errorCode(() =>
        inTenantTransaction(
          testStack().appSql,
          'not-a-uuid',
          (tx) => tx`select id from tools where id = ${a.toolId}`,
        ),
      )
      expect(code).to.equal('22P02')
    })
  })

  describe("with another tenant set (B looking at A's rows)", () => {
    it("returns none of A's rows even with where tenant_id = A or where id = A's id", async () => {
      const { a, b } = await seedTwoTenants()
      const seen = await inTenantTransaction(testStack().appSql, b.tenantId, async (tx) => ({
        toolsByTenant: await tx`select id from tools where tenant_id = ${a.tenantId}`,
        toolsById: await tx`select id from tools where id = ${a.toolId}`,
        agentsByTenant: await tx`select id from agents where tenant_id = ${a.tenantId}`,
        agentsById: await tx`select id from agents where id = ${a.agentId}`,
        linksByTenant: await tx`select tool_id from agent_tools where tenant_id = ${a.tenantId}`,
        linksByAgent: await tx`select tool_id from agent_tools where agent_id = ${a.agentId}`,
        logsByTenant: await tx`select id from execution_logs where tenant_id = ${a.tenantId}`,
        logsById: await tx`select id from execution_logs where id = ${a.logId}`,
        tenantA: await tx`select id from tenants where id = ${a.tenantId}`,
        ownTools: await tx<{ id: string }[]>`select id from tools`,
        ownTenants: await tx<{ id: string }[]>`select id from tenants`,
      }))
      const { ownTools, ownTenants, ...foreign } = seen
      for (const [what, rows] of Object.entries(foreign)) expect(rows, what).to.have.length(0)
      // B's own rows are visible, so the empty results above are isolation, not a broken query.
      expect(ownTools.map((r) => r.id)).to.deep.equal([b.toolId])
      expect(ownTenants.map((r) => r.id)).to.deep.equal([b.tenantId])
    })

    it("updates and deletes zero of A's rows and leaves them unchanged", async () => {
      const { a, b } = await seedTwoTenants()
      const before = await snapshotAsSuperuser(a.tenantId)
      const counts = await inTenantTransaction(testStack().appSql, b.tenantId, async (tx) => ({
        updateTool: (await tx`update tools set name = 'x' where id = ${a.toolId}`).count,
        updateToolByTenant: (await tx`update tools set name = 'y' where tenant_id = ${a.tenantId}`).count,
        updateAgent: (await tx`update agents set name = 'x' where id = ${a.agentId}`).count,
        deleteLink: (await tx`delete from agent_tools where agent_id = ${a.agentId}`).count,
        deleteAgent: (await tx`delete from agents where id = ${a.agentId}`).count,
        deleteTool: (await tx`delete from tools where id = ${a.toolId}`).count,
      }))
      expect(counts).to.deep.equal({
        updateTool: 0,
        updateToolByTenant: 0,
        updateAgent: 0,
        deleteLink: 0,
        deleteAgent: 0,
        deleteTool: 0,
      })
      expect(await snapshotAsSuperuser(a.tenantId)).to.deep.equal(before)
    })

    it('refuses rows written with tenant_id = A with 42501', async () => {
      const { a, b } = await seedTwoTenants()
      const { appSql } = testStack()
      const before = await snapshotAsSuperuser(a.tenantId)
      const asB = (run: (tx: Queryable) => PromiseLike<unknown>) => () =>
        inTenantTransaction(appSql, b.tenantId, (tx) => Promise.resolve(run(tx)))
      const attempts: Record<string, () => PromiseLike<unknown>> = {
        tools: asB(
          (tx) => tx`insert into tools (tenant_id, name, description) values (${a.tenantId}, 'planted', 'x')`,
        ),
        agents: asB(
          (tx) =>
            tx`insert into agents (tenant_id, name, role, description) values (${a.tenantId}, 'planted', 'r', 'd')`,
        ),
        agent_tools: asB(
          (tx) =>
            tx`insert into agent_tools (tenant_id, agent_id, tool_id) values (${a.tenantId}, ${a.agentId}, ${a.toolId})`,
        ),
        execution_logs: asB(
          (tx) => tx`
            insert into execution_logs (tenant_id, agent_id, agent_snapshot, model, provider, prompt, status)
            values (${a.tenantId}, ${a.agentId}, '{}'::jsonb, 'm', 'p', 'planted', 'completed')`,
        ),
      }
      for (const [what, attempt] of Object.entries(attempts)) {
        expect(await errorCode(attempt), what).to.equal('42501')
      }
      expect(await snapshotAsSuperuser(a.tenantId)).to.deep.equal(before)
    })

    it("refuses a link from B's agent to A's tool: 23503 under tenant B, 42501 under tenant A's id", async () => {
      const { a, b } = await seedTwoTenants()
      const { appSql, superSql } = testStack()
      const before = await snapshotAsSuperuser(a.tenantId)
      const linkAsB = await errorCode(() =>
        inTenantTransaction(
          appSql,
          b.tenantId,
          (tx) =>
            tx`insert into agent_tools (tenant_id, agent_id, tool_id) values (${b.tenantId}, ${b.agentId}, ${a.toolId})`,
        ),
      )
      expect(linkAsB, 'composite foreign key (tenant_id, tool_id)').to.equal('23503')
      const linkAsA = await errorCode(() =>
        inTenantTransaction(
          appSql,
          b.tenantId,
          (tx) =>
            tx`insert into agent_tools (tenant_id, agent_id, tool_id) values (${a.tenantId}, ${b.agentId}, ${a.toolId})`,
        ),
      )
      expect(linkAsA, 'row-level security WITH CHECK').to.equal('42501')
      const logForAgent = await errorCode(() =>
        inTenantTransaction(
          appSql,
          b.tenantId,
          (tx) => tx`
            insert into execution_logs (agent_id, agent_snapshot, model, provider, prompt, status)
            values (${a.agentId}, '{}'::jsonb, 'm', 'p', 'cross', 'completed')`,
        ),
      )
      expect(logForAgent, "an execution log of A's agent under tenant B").to.equal('23503')
      const [links] = await superSql<{ n: number }[]>`
        select count(*)::int as n from agent_tools where tool_id = ${a.toolId}`
      expect(links!.n, "links to A's tool").to.equal(1)
      expect(await snapshotAsSuperuser(a.tenantId)).to.deep.equal(before)
    })

    it("refuses moving B's own rows to tenant A with 42501", async () => {
      const { a, b } = await seedTwoTenants()
      const { appSql } = testStack()
      const before = { a: await snapshotAsSuperuser(a.tenantId), b: await snapshotAsSuperuser(b.tenantId) }
      const moveTool = await errorCode(() =>
        inTenantTransaction(
          appSql,
          b.tenantId,
          (tx) => tx`update tools set tenant_id = ${a.tenantId} where id = ${b.toolId}`,
        ),
      )
      expect(moveTool, 'tools').to.equal('42501')
      const moveAgent = await errorCode(() =>
        inTenantTransaction(
          appSql,
          b.tenantId,
          (tx) => tx`update agents set tenant_id = ${a.tenantId} where id = ${b.agentId}`,
        ),
      )
      expect(moveAgent, 'agents').to.equal('42501')
      const after = { a: await snapshotAsSuperuser(a.tenantId), b: await snapshotAsSuperuser(b.tenantId) }
      expect(after).to.deep.equal(before)
    })
  })

  describe('what the app role may not do at all', () => {
    it('cannot read or write api_keys, with or without a tenant set', async () => {
      const a = await createTestTenant('keys')
      const { appSql } = testStack()
      expect(await errorCode(() => appSql`select * from api_keys`), 'select, no tenant').to.equal('42501')
      const inTenant = await errorCode(() =>
        inTenantTransaction(appSql, a.tenantId, (tx) => tx`select key_hash from api_keys`),
      )
      expect(inTenant, 'select, own tenant').to.equal('42501')
      const insert = await errorCode(() =>
        inTenantTransaction(
          appSql,
          a.tenantId,
          (tx) => tx`
            insert into api_keys (name, key_hash, display_prefix) values ('k', ${randomBytes(32)}, 'map_xx')`,
        ),
      )
      expect(insert, 'insert, own tenant').to.equal('42501')
    })

    it('cannot create, rename or delete tenants', async () => {
      const a = await createTestTenant('tenants')
      const { appSql } = testStack()
      const id = randomUUID()
      expect(
        await errorCode(() =>
          inTenantTransaction(appSql, id, (tx) => tx`insert into tenants (id, name) values (${id}, 'x')`),
        ),
        'insert',
      ).to.equal('42501')
      expect(
        await errorCode(() =>
          inTenantTransaction(appSql, a.tenantId, (tx) => tx`update tenants set name = 'x'`),
        ),
        'update',
      ).to.equal('42501')
      expect(
        await errorCode(() => inTenantTransaction(appSql, a.tenantId, (tx) => tx`delete from tenants`)),
        'delete',
      ).to.equal('42501')
    })

    it("gets nothing for an unknown key hash, and only the tenant id, its suspension and the key's remaining life for a known one", async () => {
      const a = await createTestTenant('lookup')
      const { appSql, superSql } = testStack()
      const unknown = await appSql`select * from app.authenticate_api_key(${randomBytes(32)})`
      expect(unknown).to.deep.equal([])
      const known = await appSql`select * from app.authenticate_api_key(${hashApiKey(a.apiKey)})`
      expect(known).to.deep.equal([{ tenant_id: a.tenantId, suspended: false, expires_in_ms: null }])
      // The key cache keeps an answer no longer than the key lives (issue 17).
      await superSql`update api_keys set expires_at = now() + interval '1 hour' where tenant_id = ${a.tenantId}`
      const [expiring] = await appSql<{ expires_in_ms: number }[]>`
        select expires_in_ms from app.authenticate_api_key(${hashApiKey(a.apiKey)})`
      expect(expiring!.expires_in_ms).to.be.within(3_500_000, 3_600_000)
      const [signature] = await superSql<{ returns: string }[]>`
        select pg_get_function_result(oid) as returns
          from pg_proc where oid = 'app.authenticate_api_key(bytea)'::regprocedure`
      expect(signature).to.deep.equal({
        returns: 'TABLE(tenant_id uuid, suspended boolean, expires_in_ms double precision)',
      })
    })

    it('cannot disable or drop row-level security, truncate, or take over the owner role (42501)', async () => {
      const { appSql, superSql } = testStack()
      const statements = [
        'alter table tools disable row level security',
        'alter table tools no force row level security',
        'drop policy tools_tenant_isolation on tools',
        'create policy sneak on tools using (true)',
        'truncate tools',
        'truncate execution_logs',
        'set role map_owner',
        'set session authorization map_owner',
        'alter role map_app bypassrls',
        'create table public.sneak (id int)',
        'create function app.sneak() returns int language sql as $$ select 1 $$',
        'create schema sneak',
        'create temporary table sneak (id int)',
        "delete from pgmigrations where name like '%'",
        "insert into pgmigrations (name, run_on) values ('forged', now())",
        'grant select on api_keys to map_app',
      ]
      for (const statement of statements) {
        expect(await errorCode(() => appSql.unsafe(statement)), statement).to.equal('42501')
      }
      const [tools] = await superSql<{ rls: boolean; forced: boolean }[]>`
        select relrowsecurity as rls, relforcerowsecurity as forced from pg_class where oid = 'public.tools'::regclass`
      expect(tools).to.deep.equal({ rls: true, forced: true })
      const sneaks = await superSql`select relname from pg_class where relname = 'sneak'`
      expect(sneaks).to.deep.equal([])
    })

    it("cannot update or delete execution logs, even its own tenant's", async () => {
      const { a } = await seedTwoTenants()
      const { appSql } = testStack()
      const before = await snapshotAsSuperuser(a.tenantId)
      const update = await errorCode(() =>
        inTenantTransaction(appSql, a.tenantId, (tx) => tx`update execution_logs set prompt = 'rewritten'`),
      )
      expect(update, 'update').to.equal('42501')
      const remove = await errorCode(() =>
        inTenantTransaction(appSql, a.tenantId, (tx) => tx`delete from execution_logs`),
      )
      expect(remove, 'delete').to.equal('42501')
      expect(await snapshotAsSuperuser(a.tenantId)).to.deep.equal(before)
    })
  })

  describe('the tenant setting on a pooled connection', () => {
    let pool: Sql | undefined

    afterEach(async () => {
      await pool?.end({ timeout: 5 })
      pool = undefined
    })

    const readSession = async (sql: Queryable) => {
      const [row] = await sql<{ pid: number; tenant: string | null; tools: number }[]>`
        select pg_backend_pid() as pid,
               current_setting('app.current_tenant_id', true) as tenant,
               (select count(*)::int from tools) as tools`
      return row!
    }

    it('is gone on the same connection after the transaction commits', async () => {
      const { a } = await seedTwoTenants()
      pool = createPool(testStack().database.appUrl, { max: 1, connectTimeoutSeconds: 5 })
      const inside = await inTenantTransaction(pool, a.tenantId, (tx) => readSession(tx))
      expect(inside.tenant).to.equal(a.tenantId)
      expect(inside.tools, 'tools visible inside the transaction').to.equal(1)
      const after = await readSession(pool)
      expect(after.pid, 'the same backend connection').to.equal(inside.pid)
      expect(after.tenant ?? '').to.equal('')
      expect(after.tools).to.equal(0)
    })

    it('is gone on the same connection after the transaction throws and rolls back', async () => {
      const { a } = await seedTwoTenants()
      pool = createPool(testStack().database.appUrl, { max: 1, connectTimeoutSeconds: 5 })
      let inside: Awaited<ReturnType<typeof readSession>> | undefined
      const failure = await inTenantTransaction(pool, a.tenantId, async (tx) => {
        inside = await readSession(tx)
        throw new Error('handler failed')
      }).then(
        () => undefined,
        (error: unknown) => error,
      )
      expect(failure).to.be.instanceOf(Error).with.property('message', 'handler failed')
      expect(inside?.tenant).to.equal(a.tenantId)
      expect(inside?.tools).to.equal(1)
      const after = await readSession(pool)
      expect(after.pid, 'the same backend connection').to.equal(inside?.pid)
      expect(after.tenant ?? '').to.equal('')
      expect(after.tools).to.equal(0)
    })

    it('is gone on the same connection after a statement fails inside the transaction', async () => {
      const { a } = await seedTwoTenants()
      const single = (pool = createPool(testStack().database.appUrl, { max: 1, connectTimeoutSeconds: 5 }))
      const { pid } = await readSession(single)
      const code = await errorCode(() =>
        inTenantTransaction(
          single,
          a.tenantId,
          (tx) => tx`insert into tools (name, description) values ('', 'x')`,
        ),
      )
      expect(code, 'check violation inside the transaction').to.equal('23514')
      const after = await readSession(single)
      expect(after.pid).to.equal(pid)
      expect(after.tenant ?? '').to.equal('')
      expect(after.tools).to.equal(0)
    })
  })
})

// ---------------------------------------------------------------------------------------------------
// Every plugin's tenant tables, on rows the plugins' own fixtures made through the API.

/** A tenant with one of every fixture the plugins declare, made through an app with every plugin. */
async function seedWithFixtures(label: string, app: ReturnType<typeof buildTestApp>): Promise<TestTenant> {
  const tenant = await createTestTenant(label)
  const api = asTenant(tenant, app)
  const made = tenantFixtures(testPlugins, async (path, body) => {
    const res = await api.post(path).send(body as object)
    return { status: res.status, body: res.body as unknown }
  })
  await made.make(declaredFixtures(testPlugins).keys())
  return tenant
}

/** Rolls a transaction back after fn, whatever it did: a failed isolation check must not change data. */
class RolledBack<T> extends Error {
  constructor(readonly value: T) {
    super('rolled back')
  }
}

async function thenRollBack<T>(tenantId: string, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  try {
    await inTenantTransaction(testStack().appSql, tenantId, async (tx) => {
      throw new RolledBack(await fn(tx))
    })
  } catch (error) {
    if (error instanceof RolledBack) return error.value as T
    throw error
  }
  throw new Error('unreachable')
}

/** Columns a copied row can be written with (generated and always-identity columns are PostgreSQL's). */
async function writableColumns(table: string): Promise<string[]> {
  const rows = await testStack().superSql<{ name: string }[]>`
    select attname as name from pg_attribute
     where attrelid = ${table}::regclass and attnum > 0 and not attisdropped
       and attgenerated = '' and attidentity <> 'a'
     order by attnum`
  return rows.map((r) => r.name)
}

const pluginTables = checkedPlugins.flatMap((plugin) =>
  (plugin.tenantTables ?? []).map((table) => ({ plugin: plugin.id, table })),
)

describe("every plugin's tenant tables, on rows made by the plugins' fixtures", function () {
  this.timeout(60_000)
  let a: TestTenant
  let b: TestTenant
  before(async () => {
    const app = buildTestApp({ plugins: testPlugins, spec: bundleSpec(testPlugins) })
    ;[a, b] = await Promise.all([seedWithFixtures('iso-fx-a', app), seedWithFixtures('iso-fx-b', app)])
    // Rows no fixture of one tenant can make (an install, a rating and a download are of another tenant's
    // published listing, and a report is written by the job worker that validates a version): written as
    // the superuser, one of each.
    if (pluginTables.some((t) => t.table === 'marketplace_installs')) {
      const { superSql } = testStack()
      for (const tenant of [a, b]) {
        await superSql`
          with v as (
            update marketplace_versions set status = 'rejected', validated_at = now()
             where (tenant_id, id) = (select tenant_id, id from marketplace_versions
                                       where tenant_id = ${tenant.tenantId} limit 1)
            returning tenant_id, id)
          insert into marketplace_version_reports (tenant_id, version_id, report)
          select tenant_id, id, '[{"check": "tool_kinds", "passed": false, "message": "isolation"}]' from v`
        const slug = `iso-fx-listing-${tenant.tenantId.slice(0, 8)}`
        const [agent] = await superSql<{ id: string }[]>`
          select id from agents where tenant_id = ${tenant.tenantId} limit 1`
        await superSql`
          insert into marketplace_installs (tenant_id, agent_id, listing_slug, version, package_sha256, package)
          values (${tenant.tenantId}, ${agent!.id}, ${slug}, '1.0.0', ${'0'.repeat(64)}, '{}')`
        await superSql`
          insert into marketplace_ratings (tenant_id, listing_slug, stars) values (${tenant.tenantId}, ${slug}, 4)`
        await superSql`
          insert into marketplace_downloads (tenant_id, listing_slug, version)
          values (${tenant.tenantId}, ${slug}, '1.0.0')`
      }
    }
  })

  it('covers every table the plugins declare', () => {
    expect(pluginTables.map((t) => t.table)).to.include.members(
      checkedPlugins.flatMap((plugin) => plugin.tenantTables ?? []),
    )
    // Only a plugin tested alone that owns no table (http-tools, openapi-import) has none to check.
    const tableless = pluginUnderTest !== undefined && (pluginUnderTest.tenantTables ?? []).length === 0
    if (tableless) expect(pluginTables, 'tables under test').to.deep.equal([])
    else expect(pluginTables, 'tables under test').to.not.be.empty
  })

  for (const { plugin, table } of pluginTables) {
    it(`${table} (${plugin}): invisible without a tenant and to B; B can neither change A's rows nor write rows as A`, async () => {
      const { appSql, superSql } = testStack()
      const rowsOf = (tenantId: string) =>
        superSql<{ row: string }[]>`
          select to_jsonb(t)::text as row from ${superSql(table)} t
           where tenant_id = ${tenantId} order by 1`.then((rows) => rows.map((r) => r.row))
      const before = await rowsOf(a.tenantId)
      expect(before, `rows of tenant A in ${table}: ${plugin}'s fixtures must make at least one`).to.not.be
        .empty
      const [can] = await superSql<{ insert: boolean; update: boolean; delete: boolean }[]>`
        select has_table_privilege(${appRole}, ${table}, 'INSERT') as insert,
               has_table_privilege(${appRole}, ${table}, 'UPDATE') as update,
               has_table_privilege(${appRole}, ${table}, 'DELETE') as delete`

      // A shared table's published rows are everyone's: A's fixture rows (drafts) must still be invisible.
      const ofA = (sql: Queryable) =>
        sharedTables.has(table)
          ? sql<
              { n: number }[]
            >`select count(*)::int as n from ${sql(table)} where tenant_id = ${a.tenantId}`.then(
              ([row]) => row!.n,
            )
          : countRows(sql, table)
      expect(await ofA(appSql), 'no tenant set').to.equal(0)
      expect(await appSql.begin((tx) => ofA(tx)), 'a transaction without set_config').to.equal(0)

      const seenByB = await inTenantTransaction(appSql, b.tenantId, async (tx) => ({
        a: (
          await tx<{ n: number }[]>`
          select count(*)::int as n from ${tx(table)} where tenant_id = ${a.tenantId}`
        )[0]!.n,
        own: await countRows(tx, table),
      }))
      expect(seenByB.a, "A's rows seen by B").to.equal(0)
      expect(seenByB.own, "B's own rows (so the zero above is isolation)").to.be.greaterThan(0)

      const changedByB = await thenRollBack(b.tenantId, async (tx) => ({
        updated: can!.update
          ? (await tx`update ${tx(table)} set tenant_id = tenant_id where tenant_id = ${a.tenantId}`).count
          : 0,
        deleted: can!.delete ? (await tx`delete from ${tx(table)} where tenant_id = ${a.tenantId}`).count : 0,
      }))
      expect(changedByB, "A's rows B updated or deleted").to.deep.equal({ updated: 0, deleted: 0 })

      if (can!.insert) {
        const columns = (await writableColumns(table)).map((c) => `"${c}"`).join(', ')
        const copy = await errorCode(() =>
          inTenantTransaction(appSql, b.tenantId, (tx) =>
            tx.unsafe(
              `insert into "${table}" (${columns}) select ${columns} from jsonb_populate_record(null::"${table}", $1::text::jsonb)`,
              [before[0]!],
            ),
          ),
        )
        expect(copy, "a copy of A's row inserted by B").to.equal('42501')
      }
      if (can!.update) {
        const move = await errorCode(() =>
          inTenantTransaction(
            appSql,
            b.tenantId,
            (tx) => tx`update ${tx(table)} set tenant_id = ${a.tenantId} where tenant_id = ${b.tenantId}`,
          ),
        )
        expect(move, "B's rows moved to A").to.equal('42501')
      }
      expect(await rowsOf(a.tenantId), "A's rows afterwards").to.deep.equal(before)
    })
  }
})
