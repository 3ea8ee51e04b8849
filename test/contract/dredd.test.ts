// Dredd, a third-party contract tester, against the real app on a port (PostgreSQL and Redis of the
// harness): every operation's first 2xx response, with the request Dredd builds from openapi.yaml, pointed
// at real fixtures by test/contract/dredd-hooks.cts.
import { expect } from 'chai'
import { randomUUID } from 'node:crypto'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { EventEmitter } from 'node:events'
import { startLifecycle } from '../../app/kernel/extensions.js'
import { listOperations, loadSpec, projectRoot } from '../../app/kernel/spec.js'
import { createTestTenant, type TestTenant } from '../helpers/api.js'
import { serve, type ServedApp } from '../limits/helpers.js'
import type { DreddPlan } from './dredd-plan.js'
import { fixtureMcpServerUrl } from '../../plugins/mcp/test/mcp-test-server.js'
import { fixtureReceiverUrl } from '../../plugins/webhooks/test/receiver.js'
import { testStack } from '../harness/stack.js'
import { agentPackage, publishListing, sumTool } from '../../plugins/marketplace/test/install.fixtures.js'
import { discoverContractFixtures } from '../../plugins/marketplace/test/discover.fixtures.js'

const require = createRequire(import.meta.url)

interface DreddStats {
  tests: number
  failures: number
  errors: number
  passes: number
  skipped: number
}
interface DreddTest {
  title: string
  message: string
  request?: unknown
  actual?: { statusCode?: number; body?: string }
}
type DreddConstructor = new (config: Record<string, unknown>) => {
  configuration: { emitter: EventEmitter }
  run(callback: (error: Error | null, stats: DreddStats) => void): void
}
// Dredd's API description parser (drafter.js, compiled with Emscripten) adds process handlers that call
// process.exit(1) on any unhandled rejection or uncaught exception, anywhere in the process, for good: in a
// mocha run that ends the whole suite at the next test that leaves one. The handlers added while Dredd
// loads or runs are removed again; mocha's own stay.
const processHandlers = () => ({
  unhandledRejection: process.listeners('unhandledRejection'),
  uncaughtException: process.listeners('uncaughtException'),
})
async function withoutNewProcessHandlers<T>(work: () => T | Promise<T>): Promise<T> {
  const before = processHandlers()
  try {
    return await work()
  } finally {
    for (const listener of process.listeners('unhandledRejection'))
      if (!before.unhandledRejection.includes(listener))
        process.removeListener('unhandledRejection', listener)
    for (const listener of process.listeners('uncaughtException'))
      if (!before.uncaughtException.includes(listener)) process.removeListener('uncaughtException', listener)
  }
}
const Dredd = await withoutNewProcessHandlers(() => require('dredd') as DreddConstructor)
const reporterOutput = (
  require('dredd/build/reporters/reporterOutputLogger.js') as {
    default: { transports: { console: { silent: boolean } } }
  }
).default

type Json = Record<string, unknown>

const spec = loadSpec()

/** A node of openapi.yaml with its $ref followed. */
function deref(node: Json): Json {
  let current = node
  while (typeof current.$ref === 'string')
    current = current.$ref
      .slice(2)
      .split('/')
      .reduce<Json>((at, key) => at[key] as Json, spec)
  return current
}

const adminToken = 'dredd-admin-token-0123456789abcdef0123'
const metricsToken = 'dredd-metrics-token-0123456789abcdef012'

/** POST /api/v1/tools/import: a document of one operation, named operationId. */
const importBody = (operationId: string) => ({
  base_url: 'https://api.example.com/v1',
  document: {
    openapi: '3.1.0',
    info: { title: 'Dredd', version: '1' },
    paths: { '/things': { get: { operationId, responses: { '200': { description: 'ok' } } } } },
  },
})

/** A JSON call to the served app; rejects on anything but the status expected. */
async function call(
  app: ServedApp,
  auth: Record<string, string>,
  method: string,
  url: string,
  body?: unknown,
): Promise<{ body: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(`${app.url}${url}`, {
    method,
    headers: { ...auth, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await res.text()
  if (!res.ok) throw new Error(`${method} ${url} answered ${res.status} ${text.slice(0, 300)}`)
  return { body: (text ? JSON.parse(text) : {}) as Record<string, unknown>, headers: res.headers }
}

/** How many transactions Dredd makes for the successes (2xx, 304) of openapi.yaml: one per media type. */
function successTransactions(): number {
  let count = 0
  for (const op of listOperations(spec)) {
    for (const [status, response] of Object.entries(op.operation.responses as Record<string, Json>)) {
      if (!/^2|^304$/.test(status)) continue
      const content = (deref(response).content ?? {}) as Json
      count += Math.max(1, Object.keys(content).length)
    }
  }
  return count
}

/** By "METHOD /template STATUS", the response headers openapi.yaml declares without required: true. */
function optionalHeaders(): Record<string, string[]> {
  const optional: Record<string, string[]> = {}
  for (const op of listOperations(spec)) {
    for (const [status, response] of Object.entries(op.operation.responses as Record<string, Json>)) {
      const headers = (deref(response).headers ?? {}) as Record<string, Record<string, unknown>>
      optional[`${op.method.toUpperCase()} ${op.path} ${status}`] = Object.entries(headers)
        .filter(([, header]) => deref(header).required !== true)
        .map(([name]) => name)
    }
  }
  return optional
}

/** The fixtures each operation needs, made through the API, and the calls that point Dredd at them. */
async function makePlan(app: ServedApp, tenant: TestTenant): Promise<DreddPlan> {
  const asTenant = { 'X-API-Key': tenant.apiKey }
  const asAdmin = { Authorization: `Bearer ${adminToken}` }
  const api = async (url: string, body: unknown) =>
    String((await call(app, asTenant, 'POST', url, body)).body.id)
  const admin = async (method: string, url: string, body?: unknown) =>
    (await call(app, asAdmin, method, url, body)).body
  const unique = () => randomUUID().slice(0, 8)

  const tool = await api('/api/v1/tools', {
    name: `dredd-tool-${unique()}`,
    description: 'Linked to the agent',
  })
  const spareTool = await api('/api/v1/tools', { name: `dredd-spare-${unique()}`, description: 'Deleted' })
  const calculator = await api('/api/v1/tools', {
    name: `dredd-calculator-${unique()}`,
    description: 'Evaluates arithmetic',
    kind: 'builtin',
    builtin: 'calculator',
  })
  const agentBody = (name: string, toolIds: string[]) => ({
    name,
    role: 'Tester',
    description: 'Answers Dredd',
    tool_ids: toolIds,
  })
  const agent = await api('/api/v1/agents', agentBody(`dredd-agent-${unique()}`, [tool]))
  const spareAgent = await api('/api/v1/agents', agentBody(`dredd-spare-agent-${unique()}`, []))
  const execution = await api(`/api/v1/agents/${agent}/run`, { prompt: 'hello', model: 'gpt-4o' })
  // Runs waiting for their client tool's call call_1_1 (the test models' first call id), one per answer.
  const clientTool = `dredd-ask-${unique()}`
  const waitingAgent = await api(
    '/api/v1/agents',
    agentBody(`dredd-waiting-${unique()}`, [
      await api('/api/v1/tools', { name: clientTool, description: 'Asked' }),
    ]),
  )
  const waiting = async () =>
    api(`/api/v1/agents/${waitingAgent}/run`, { prompt: `use ${clientTool} with {}`, model: 'gpt-4o' })
  const [waitingJson, waitingStream, waitingCancelled] = [await waiting(), await waiting(), await waiting()]
  // A background run waiting for its client tool: the test's job workers run it that far.
  const waitingInBackground = await api(`/api/v1/agents/${waitingAgent}/run`, {
    prompt: `use ${clientTool} with {}`,
    model: 'gpt-4o',
    background: true,
  })
  for (let status = ''; status !== 'requires_action';) {
    await new Promise((resolve) => setTimeout(resolve, 50))
    status = String(
      (await call(app, asTenant, 'GET', `/api/v1/executions/${waitingInBackground}`)).body.status,
    )
  }
  const toolOutputs = { tool_outputs: [{ tool_call_id: 'call_1_1', output: { ok: true } }] }
  const etagOf = async (url: string) => (await call(app, asTenant, 'GET', url)).headers.get('ETag') ?? ''

  const adminTenant = (await admin('POST', '/admin/v1/tenants', { name: `dredd-admin-${unique()}` })) as {
    tenant: { id: string }
  }
  const managed = adminTenant.tenant.id
  const doomed = (
    (await admin('POST', '/admin/v1/tenants', { name: `dredd-doomed-${unique()}` })) as {
      tenant: { id: string }
    }
  ).tenant.id
  const newKey = async () =>
    (
      (await admin('POST', `/admin/v1/tenants/${managed}/keys`, { name: `dredd-${unique()}` })) as {
        api_key: { id: string }
      }
    ).api_key.id

  // MCP servers: a real one of the SDK on 127.0.0.1 (the test config's egress allows it).
  const mcpUrl = await fixtureMcpServerUrl()
  const mcpServer = await api('/api/v1/mcp-servers', { name: `dredd-${unique()}`, url: mcpUrl })
  const spareMcpServer = await api('/api/v1/mcp-servers', { name: `dredd-spare-${unique()}`, url: mcpUrl })

  // Webhooks: pointing at a receiver on 127.0.0.1 answering 204; a test event's delivery.
  const hookUrl = `${await fixtureReceiverUrl()}/dredd`
  const webhookBody = { url: hookUrl, events: ['execution.completed'] }
  const webhook = await api('/api/v1/webhooks', webhookBody)
  const spareWebhook = await api('/api/v1/webhooks', webhookBody)
  const delivery = await api(`/api/v1/webhooks/${webhook}/test`, undefined)
  // Marketplace: listings another tenant published (written with SQL as the publish part leaves them), one
  // installed beforehand (for its upgrade), one for Dredd's install; tool names of their own for this run.
  const publisher = await createTestTenant('dredd-publisher')
  const publishedWithSql = async (tool: string) => {
    const pkg = (description: string) =>
      agentPackage({ name: `dredd-${tool}`, role: 'Tester', description }, [{ ...sumTool, name: tool }])
    return publishListing(testStack().superSql, {
      tenantId: publisher.tenantId,
      versions: [
        { version: '1.0.0', package: pkg('Installed by Dredd') },
        { version: '1.1.0', package: pkg('Upgraded by Dredd') },
      ],
    })
  }
  const [upgradedListing, installedListing] = [
    await publishedWithSql(`dredd-up-${unique()}`),
    await publishedWithSql(`dredd-in-${unique()}`),
  ]
  const installedAgent = String(
    (
      (
        await call(app, asTenant, 'POST', `/api/v1/marketplace/listings/${upgradedListing}/install`, {
          version: '1.0.0',
        })
      ).body.agent as { id: string }
    ).id,
  )
  // Marketplace (publish): a listing with two published versions (the test's workers validate them; one
  // to yank), and a draft to delete.
  const listing = async (stem: string) =>
    String(
      (
        await call(app, asTenant, 'POST', '/api/v1/marketplace/listings', {
          slug: `dredd-${stem}-${unique()}`,
          name: 'Dredd listing',
          summary: 'Published for Dredd',
          category: 'testing',
        })
      ).body.slug,
    )
  const marketplaceListing = await listing('listing')
  const marketplaceDraft = await listing('draft')
  const listingPath = `/api/v1/marketplace/listings/${marketplaceListing}`
  for (const version of ['1.0.0', '1.1.0']) {
    await call(app, asTenant, 'POST', `${listingPath}/versions`, { version, agent_id: agent })
    for (let status = 'validating'; status === 'validating';) {
      await new Promise((resolve) => setTimeout(resolve, 50))
      status = String((await call(app, asTenant, 'GET', `${listingPath}/versions/${version}`)).body.status)
      if (status === 'rejected') throw new Error(`the Dredd listing's version ${version} was rejected`)
    }
  }
  // The marketplace: another tenant's published listings, written in SQL (discover's fixtures).
  const marketplace = await discoverContractFixtures(
    testStack().superSql,
    (await createTestTenant('dredd-publisher')).tenantId,
    tenant.tenantId,
  )
  const ratings = (slug: string) => `/api/v1/marketplace/listings/${slug}/ratings`

  const json = { Accept: 'application/json' }
  const stream = { Accept: 'text/event-stream' }
  return {
    optionalHeaders: optionalHeaders(),
    bodyNotChecked: {
      'GET /api/v1/tools 200': 'Tool: builtin, code and timeout_ms belong to one kind each',
      'POST /api/v1/tools 201': 'Tool: builtin, code and timeout_ms belong to one kind each',
      'POST /api/v1/tools/import 201': 'Tool: builtin, code and timeout_ms belong to one kind each',
      'POST /api/v1/tools/import 200': 'ImportedOperation: operation_id only when the document has one',
      'GET /api/v1/tools/{id} 200': 'Tool: builtin, code and timeout_ms belong to one kind each',
      'PUT /api/v1/tools/{id} 200': 'Tool: builtin, code and timeout_ms belong to one kind each',
      'PATCH /api/v1/tools/{id} 200': 'Tool: builtin, code and timeout_ms belong to one kind each',
      'GET /api/v1/agents 200': 'Agent: source only on agents installed from the marketplace',
      'POST /api/v1/agents 201': 'Agent: source only on agents installed from the marketplace',
      'GET /api/v1/agents/{id} 200': 'Agent: source only on agents installed from the marketplace',
      'PUT /api/v1/agents/{id} 200': 'Agent: source only on agents installed from the marketplace',
      'PATCH /api/v1/agents/{id} 200': 'Agent: source only on agents installed from the marketplace',
      'POST /admin/v1/tenants/{tenantId}/keys 201': 'AdminIssuedKey: previous only after a rotation',
      'GET /api/v1/usage 200': 'UsageGroup: agent_name only with group_by=agent',
      'GET /api/v1/mcp-servers 200': "McpServer: headers and tool schemas are each server's own",
      'POST /api/v1/mcp-servers 201': "McpServer: headers and tool schemas are each server's own",
      'GET /api/v1/executions/{id}/steps 200': 'ExecutionStep: tool fields only on tool steps',
      'POST /api/v1/agents/{id}/run 202': 'Execution: most fields belong to some statuses only',
      'POST /api/v1/executions/{id}/tool-outputs 202': 'Execution: most fields belong to some statuses only',
      'POST /api/v1/executions/{id}/cancel 202': 'Execution: most fields belong to some statuses only',
      'GET /api/v1/executions/{id}/events 200 application/json':
        "ExecutionEvent: data is typed per event type (oneOf), which Dredd's inferred schema gets wrong",
      'GET /api/v1/audit-events 200':
        "AuditEvent: details are typed per action, the example's are one action's",
      'GET /admin/v1/audit-events 200':
        "AuditEvent: details are typed per action, the example's are one action's",
      'POST /api/v1/marketplace/listings 201':
        'MarketplaceListing: a draft has no published_at nor latest_version',
      'GET /api/v1/marketplace/listings/mine 200':
        'MarketplaceListing: a draft has no published_at nor latest_version',
      'PATCH /api/v1/marketplace/listings/{slug} 200':
        'MarketplaceListing: latest_version only with an installable version',
      'POST /api/v1/marketplace/listings/{slug}/versions 202':
        'MarketplaceVersion: no report, validated_at nor yanked_at while validating',
      'GET /api/v1/marketplace/listings/{slug}/versions/{version} 200':
        'MarketplaceVersion: yanked_at only once yanked',
      'POST /api/v1/marketplace/listings/{slug}/versions/{version}/yank 200':
        'MarketplaceVersion: report, validated_at and yanked_at are each some versions’ only',
      'GET /api/v1/marketplace/listings/{slug}/versions/{version}/package 200':
        "MarketplacePackage: each tool has its kind's fields only",
    },
    apiKey: tenant.apiKey,
    adminToken,
    metricsToken,
    calls: {
      'POST /admin/v1/tenants': { body: { name: `dredd-created-${unique()}` } },
      'GET /admin/v1/tenants/{tenantId}': { path: `/admin/v1/tenants/${managed}` },
      'PATCH /admin/v1/tenants/{tenantId}': {
        path: `/admin/v1/tenants/${managed}`,
        body: { name: `dredd-renamed-${unique()}` },
      },
      'DELETE /admin/v1/tenants/{tenantId}': { path: `/admin/v1/tenants/${doomed}` },
      'GET /admin/v1/tenants/{tenantId}/keys': { path: `/admin/v1/tenants/${managed}/keys` },
      'POST /admin/v1/tenants/{tenantId}/keys': {
        path: `/admin/v1/tenants/${managed}/keys`,
        body: { name: 'ci' },
      },
      'POST /admin/v1/tenants/{tenantId}/keys/{keyId}/revoke': {
        path: `/admin/v1/tenants/${managed}/keys/${await newKey()}/revoke`,
      },
      'POST /admin/v1/tenants/{tenantId}/keys/{keyId}/rotate': {
        path: `/admin/v1/tenants/${managed}/keys/${await newKey()}/rotate`,
        body: { grace_seconds: 60 },
      },
      'GET /admin/v1/audit-events': { path: `/admin/v1/audit-events?tenant_id=${managed}` },
      'POST /api/v1/tools': { body: { name: `dredd-created-${unique()}`, description: 'Made by Dredd' } },
      // The import's 200 is its dry run; its 201 creates the tools (names of their own for this run).
      // Without the dry_run Dredd takes from the parameter's example.
      'POST /api/v1/tools/import': {
        path: '/api/v1/tools/import',
        body: importBody(`dredd_imported_${unique()}`),
      },
      'POST /api/v1/tools/import 200 application/json': {
        path: '/api/v1/tools/import?dry_run=true',
        body: importBody(`dredd_previewed_${unique()}`),
      },
      'GET /api/v1/tools/{id}': { path: `/api/v1/tools/${tool}` },
      'GET /api/v1/tools/{id} 304': {
        path: `/api/v1/tools/${tool}`,
        headers: { 'If-None-Match': await etagOf(`/api/v1/tools/${tool}`) },
      },
      'PUT /api/v1/tools/{id}': {
        path: `/api/v1/tools/${tool}`,
        body: { name: `dredd-replaced-${unique()}`, description: 'Replaced by Dredd' },
      },
      'PATCH /api/v1/tools/{id}': {
        path: `/api/v1/tools/${tool}`,
        body: { description: 'Patched by Dredd' },
      },
      'DELETE /api/v1/tools/{id}': { path: `/api/v1/tools/${spareTool}` },
      'POST /api/v1/tools/{id}/test': {
        path: `/api/v1/tools/${calculator}/test`,
        body: { input: { expression: '2 + 3' } },
      },
      'POST /api/v1/agents': { body: agentBody(`dredd-created-${unique()}`, [tool]) },
      'GET /api/v1/agents/{id}': { path: `/api/v1/agents/${agent}` },
      // The spare agent: it has no tools, whose writes (PUT /api/v1/tools/{id} runs first) change an agent's ETag.
      'GET /api/v1/agents/{id} 304': {
        path: `/api/v1/agents/${spareAgent}`,
        headers: { 'If-None-Match': await etagOf(`/api/v1/agents/${spareAgent}`) },
      },
      'PUT /api/v1/agents/{id}': {
        path: `/api/v1/agents/${agent}`,
        body: agentBody(`dredd-replaced-${unique()}`, [tool]),
      },
      'PATCH /api/v1/agents/{id}': { path: `/api/v1/agents/${agent}`, body: { role: 'Patched' } },
      'DELETE /api/v1/agents/{id}': { path: `/api/v1/agents/${spareAgent}` },
      'POST /api/v1/agents/{id}/run 200 application/json': {
        path: `/api/v1/agents/${agent}/run`,
        body: { prompt: 'hello', model: 'gpt-4o' },
        headers: json,
      },
      'POST /api/v1/agents/{id}/run 200 text/event-stream': {
        path: `/api/v1/agents/${agent}/run`,
        body: { prompt: 'hello', model: 'gpt-4o' },
        headers: stream,
      },
      'POST /api/v1/agents/{id}/run 202 application/json': {
        path: `/api/v1/agents/${agent}/run`,
        body: { prompt: 'hello', model: 'gpt-4o', background: true },
        headers: json,
      },
      'POST /api/v1/executions/{id}/tool-outputs 202 application/json': {
        path: `/api/v1/executions/${waitingInBackground}/tool-outputs`,
        body: toolOutputs,
        headers: json,
      },
      'POST /api/v1/executions/{id}/cancel': { path: `/api/v1/executions/${waitingCancelled}/cancel` },
      'GET /api/v1/history/{id}': { path: `/api/v1/history/${execution}` },
      'GET /api/v1/agents/{id}/history': { path: `/api/v1/agents/${agent}/history` },
      'GET /api/v1/executions/{id}': { path: `/api/v1/executions/${execution}` },
      'GET /api/v1/executions/{id}/steps': { path: `/api/v1/executions/${execution}/steps` },
      // A finished run: its event stream replays the log and ends.
      'GET /api/v1/executions/{id}/events 200 application/json': {
        path: `/api/v1/executions/${execution}/events`,
        headers: json,
      },
      'GET /api/v1/executions/{id}/events 200 text/event-stream': {
        path: `/api/v1/executions/${execution}/events`,
        // From the first event (the example's Last-Event-ID, 42, is past this run's few events).
        headers: { ...stream, 'Last-Event-ID': '0' },
      },
      'POST /api/v1/executions/{id}/tool-outputs 200 application/json': {
        path: `/api/v1/executions/${waitingJson}/tool-outputs`,
        body: toolOutputs,
        headers: json,
      },
      'POST /api/v1/marketplace/listings': {
        body: {
          slug: `dredd-created-${unique()}`,
          name: 'Created by Dredd',
          summary: 'x',
          category: 'testing',
        },
      },
      'PATCH /api/v1/marketplace/listings/{slug}': {
        path: listingPath,
        body: { summary: 'Patched by Dredd' },
      },
      'DELETE /api/v1/marketplace/listings/{slug}': {
        path: `/api/v1/marketplace/listings/${marketplaceDraft}`,
      },
      'POST /api/v1/marketplace/listings/{slug}/versions': {
        path: `${listingPath}/versions`,
        body: { version: '2.0.0', agent_id: agent },
      },
      'GET /api/v1/marketplace/listings/{slug}/versions/{version}': { path: `${listingPath}/versions/1.0.0` },
      'POST /api/v1/marketplace/listings/{slug}/versions/{version}/yank': {
        path: `${listingPath}/versions/1.1.0/yank`,
      },
      'GET /api/v1/marketplace/listings/{slug}/versions/{version}/package': {
        path: `${listingPath}/versions/1.0.0/package`,
      },
      'POST /api/v1/mcp-servers': { body: { name: `dredd-created-${unique()}`, url: mcpUrl } },
      'GET /api/v1/mcp-servers/{id}': { path: `/api/v1/mcp-servers/${mcpServer}` },
      'POST /api/v1/mcp-servers/{id}/refresh': { path: `/api/v1/mcp-servers/${mcpServer}/refresh` },
      'DELETE /api/v1/mcp-servers/{id}': { path: `/api/v1/mcp-servers/${spareMcpServer}` },
      'POST /api/v1/webhooks': { body: webhookBody },
      'GET /api/v1/webhooks/{id}': { path: `/api/v1/webhooks/${webhook}` },
      'PATCH /api/v1/webhooks/{id}': { path: `/api/v1/webhooks/${webhook}` },
      'DELETE /api/v1/webhooks/{id}': { path: `/api/v1/webhooks/${spareWebhook}` },
      'POST /api/v1/webhooks/{id}/test': { path: `/api/v1/webhooks/${webhook}/test` },
      'GET /api/v1/webhooks/{id}/deliveries': { path: `/api/v1/webhooks/${webhook}/deliveries` },
      'GET /api/v1/webhooks/{id}/deliveries/{delivery_id}': {
        path: `/api/v1/webhooks/${webhook}/deliveries/${delivery}`,
      },
      'POST /api/v1/webhooks/{id}/deliveries/{delivery_id}/redeliver': {
        path: `/api/v1/webhooks/${webhook}/deliveries/${delivery}/redeliver`,
      },
      'POST /api/v1/marketplace/listings/{slug}/install': {
        path: `/api/v1/marketplace/listings/${installedListing}/install`,
        body: {},
      },
      'POST /api/v1/agents/{id}/upgrade': {
        path: `/api/v1/agents/${installedAgent}/upgrade`,
        body: { version: '1.1.0' },
      },
      'GET /api/v1/marketplace/listings/{slug}': {
        path: `/api/v1/marketplace/listings/${marketplace.listing}`,
      },
      'POST /api/v1/marketplace/listings/{slug}/ratings 201 application/json': {
        path: ratings(marketplace.unrated),
      },
      'POST /api/v1/marketplace/listings/{slug}/ratings 200 application/json': {
        path: ratings(marketplace.rated),
      },
      'DELETE /api/v1/marketplace/listings/{slug}/ratings': { path: ratings(marketplace.withdrawn) },
      'POST /api/v1/executions/{id}/tool-outputs 200 text/event-stream': {
        path: `/api/v1/executions/${waitingStream}/tool-outputs`,
        body: toolOutputs,
        headers: stream,
      },
    },
  }
}

describe('Dredd against the running app', function () {
  // About 20 s alone; the margin is for a loaded machine (the full suite on 2 shared cores took 57 s).
  this.timeout(120_000)
  let app: ServedApp
  let lifecycle: Awaited<ReturnType<typeof startLifecycle>>
  let tenant: TestTenant
  before(async () => {
    app = await serve({ ADMIN_TOKEN: adminToken, METRICS_TOKEN: metricsToken, JOBS_POLL_INTERVAL_MS: '50' })
    // Job workers, for the background runs (as `npm start` runs them beside the API).
    lifecycle = await startLifecycle(app.built.container.cradle)
    tenant = await createTestTenant('dredd')
  })
  after(async () => {
    await lifecycle.stop(0)
    await app.close()
  })

  it('passes every transaction it runs', async () => {
    const plan = await makePlan(app, tenant)
    // Dredd's CLI reporter is always on; its output is the failures below, so it stays quiet.
    reporterOutput.transports.console.silent = true
    const dredd = new Dredd({
      endpoint: app.url,
      path: [path.join(projectRoot, 'openapi.yaml')],
      hookfiles: [path.join(projectRoot, 'test/contract/dredd-hooks.cts')],
      reporter: [],
      output: [],
      loglevel: 'error',
      color: false,
      custom: { cwd: projectRoot, plan },
    })
    const failures: string[] = []
    const emitter = dredd.configuration.emitter
    emitter.on('test fail', (test: DreddTest) => failures.push(`${test.title}: ${test.message}`))
    emitter.on('test error', (error: Error, test: DreddTest) =>
      failures.push(`${test.title}: ${error.message}`),
    )
    const handlersBefore = processHandlers()
    const stats = await withoutNewProcessHandlers(
      () =>
        new Promise<DreddStats>((resolve, reject) =>
          dredd.run((error, result) => (error ? reject(error) : resolve(result))),
        ),
    )
    expect(processHandlers()).to.deep.equal(handlersBefore)
    expect(failures, failures.join('\n')).to.deep.equal([])
    expect(stats.failures + stats.errors).to.equal(0)
    // Each success of each operation ran, once per media type: nothing was skipped that should run.
    expect(stats.passes).to.equal(successTransactions()).and.to.be.greaterThan(40)
  })
})
