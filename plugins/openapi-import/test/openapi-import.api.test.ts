// POST /api/v1/tools/import through the API: a realistic document imported (YAML text and JSON object),
// an imported tool run against a local server that records what it received, dry runs that write
// nothing, conflicts and bad documents that create nothing, the operations filter, and tenant isolation.
import { expect } from 'chai'
import { asTenant, createTestTenant } from '../../../test/helpers/api.js'
import { testStack } from '../../../test/harness/stack.js'
import { documentWith, okResponses, shopObject, shopYaml } from './documents.js'
import { startRecordingServer, type RecordingServer } from './recording-server.js'

type Api = ReturnType<typeof asTenant>

/** The app's statements waiting for a lock right now. */
const lockWaits = async (): Promise<number> => {
  const [row] = await testStack().superSql<{ count: number }[]>`
    select count(*)::int as count from pg_stat_activity where usename = 'map_app' and wait_event_type = 'Lock'`
  return row!.count
}
type Json = Record<string, unknown>

interface ImportedTool {
  id: string
  name: string
  description: string
  kind: string
  input_schema: Json
  http: Json
}

describe('OpenAPI import (API)', function () {
  this.timeout(30_000)
  let server: RecordingServer
  let api: Api
  let base: string

  before(async () => {
    server = await startRecordingServer()
  })
  after(() => server.close())
  beforeEach(async () => {
    api = asTenant(await createTestTenant('openapi-import'))
    base = `${server.base}/shop`
  })

  const toolCount = async (as: Api = api) =>
    ((await as.get('/api/v1/tools?limit=1').expect(200)).body as { total: number }).total
  const importing = (body: Json, query = '') => api.post(`/api/v1/tools/import${query}`).send(body)
  const byName = (items: ImportedTool[]) => new Map(items.map((tool) => [tool.name, tool]))
  const run = async (id: string, input: Json) =>
    (await api.post(`/api/v1/tools/${id}/test`).send({ input }).expect(200)).body as {
      output?: { status: number; body: unknown }
      error?: { code: string; message: string }
    }

  it('imports a YAML document as one http tool per operation, shown as GET /tools shows them', async () => {
    const res = await importing({ base_url: base, document: shopYaml })
    expect(res.status, res.text).to.equal(201)
    const tools = byName(res.body.items as ImportedTool[])
    expect([...tools.keys()]).to.deep.equal([
      'listOrders',
      'createOrder',
      'getOrder',
      'delete_stores_storeId_orders_orderId',
    ])
    for (const tool of tools.values()) {
      const got = await api.get(`/api/v1/tools/${tool.id}`).expect(200)
      expect(got.body).to.deep.equal(tool)
    }
    const create = tools.get('createOrder')!
    expect(create.kind).to.equal('http')
    expect(create.description).to.equal(
      'Place an order\n\nPlaces an order in the store; the stock is reserved.',
    )
    expect(create.http).to.deep.include({
      method: 'POST',
      url: `${base}/stores/{storeId}/orders`,
      query: { dryRun: '{dryRun?}' },
      headers: { 'X-Request-Id': '{X_Request_Id}' },
      body: '{body}',
    })
    // Parameters by name (path and required ones required), the body's $refs inlined, 3.0 translated:
    // nullable as a type, exclusiveMinimum as a number, example as examples; readOnly and pattern gone.
    expect(create.input_schema).to.deep.equal({
      type: 'object',
      properties: {
        storeId: { type: 'string', description: 'The store.' },
        dryRun: { type: 'boolean' },
        X_Request_Id: {
          type: 'string',
          maxLength: 64,
          description: 'The header parameter "X-Request-Id".',
        },
        body: {
          type: 'object',
          required: ['item', 'quantity'],
          properties: {
            item: { type: 'object', required: ['sku'], properties: { sku: { type: 'string' } } },
            quantity: { type: 'integer', exclusiveMinimum: 0 },
            note: { type: ['string', 'null'], examples: ['leave at the door'] },
          },
        },
      },
      required: ['storeId', 'X_Request_Id', 'body'],
      additionalProperties: false,
    })
    expect(res.body.operations[1]).to.deep.equal({
      operation_id: 'createOrder',
      method: 'POST',
      path: '/stores/{storeId}/orders',
      tool_name: 'createOrder',
      skipped: [{ location: 'cookie', name: 'session', reason: 'http tools send no cookies' }],
    })
    expect(res.body.operations[0].skipped).to.deep.equal([
      { location: 'query', name: 'tags', reason: 'arrays and objects cannot be sent as one value' },
    ])
    // Without operationId: method_path, and "METHOD /path" in the answer; its description is the summary.
    expect(res.body.operations[3]).to.deep.include({
      method: 'DELETE',
      tool_name: 'delete_stores_storeId_orders_orderId',
    })
    expect(res.body.operations[3]).to.not.have.property('operation_id')
    expect(tools.get('getOrder')!.input_schema).to.deep.include({ required: ['storeId', 'orderId'] })
  })

  it('runs an imported tool: the server receives the method, path, query, header and JSON body', async () => {
    const res = await importing({ base_url: base, document: shopYaml }).expect(201)
    const tools = byName(res.body.items as ImportedTool[])
    const placed = await run(tools.get('createOrder')!.id, {
      storeId: 'north/1',
      dryRun: true,
      X_Request_Id: 'req-42',
      body: { item: { sku: 'ABC' }, quantity: 2, note: null },
    })
    expect(placed.error, JSON.stringify(placed)).to.equal(undefined)
    expect(placed.output).to.deep.include({ status: 200, body: { ok: true } })
    const seen = server.requests.at(-1)!
    expect(seen.method).to.equal('POST')
    expect(seen.url).to.equal('/shop/stores/north%2F1/orders?dryRun=true')
    expect(seen.headers['x-request-id']).to.equal('req-42')
    expect(seen.headers['content-type']).to.equal('application/json')
    expect(JSON.parse(seen.body)).to.deep.equal({ item: { sku: 'ABC' }, quantity: 2, note: null })

    // Optional query parameters the input leaves out are not sent at all.
    await run(tools.get('listOrders')!.id, { storeId: 's1' })
    expect(server.requests.at(-1)).to.deep.include({ method: 'GET', url: '/shop/stores/s1/orders', body: '' })
    await run(tools.get('listOrders')!.id, { storeId: 's1', status: 'open', limit: 5 })
    const listed = new URL(server.requests.at(-1)!.url, server.base)
    expect(listed.pathname).to.equal('/shop/stores/s1/orders')
    expect(Object.fromEntries(listed.searchParams)).to.deep.equal({ status: 'open', limit: '5' })
    await run(tools.get('delete_stores_storeId_orders_orderId')!.id, { storeId: 's1', orderId: 7 })
    expect(server.requests.at(-1)).to.deep.include({ method: 'DELETE', url: '/shop/stores/s1/orders/7' })

    // The input is checked against the imported schema before anything is sent.
    const before = server.requests.length
    const refused = await api
      .post(`/api/v1/tools/${tools.get('createOrder')!.id}/test`)
      .send({ input: { storeId: 's1', X_Request_Id: 'r', body: { item: { sku: 'A' }, quantity: 0 } } })
    expect(refused.status).to.equal(422)
    expect(refused.body.error_code).to.equal('INVALID_TOOL_INPUT')
    expect(server.requests.length).to.equal(before)
  })

  it('imports the same tools from JSON text or a JSON object; a dry run answers them and writes nothing', async () => {
    const fromYaml = await importing({ base_url: base, document: shopYaml }, '?dry_run=true')
    expect(fromYaml.status, fromYaml.text).to.equal(200)
    const fromText = await importing(
      { base_url: base, document: JSON.stringify(shopObject) },
      '?dry_run=true',
    )
    const fromObject = await importing({ base_url: base, document: shopObject }, '?dry_run=true')
    expect(fromText.body).to.deep.equal(fromYaml.body)
    expect(fromObject.body).to.deep.equal(fromYaml.body)
    expect(await toolCount()).to.equal(0)
    // Exactly what the real call creates, without ids and times.
    const created = await importing({ base_url: base, document: shopObject }).expect(201)
    const withoutIds = (created.body.items as Json[]).map(
      ({ id: _id, created_at: _c, updated_at: _u, ...rest }) => rest,
    )
    expect(withoutIds).to.deep.equal(fromYaml.body.items)
    expect(created.body.operations).to.deep.equal(fromYaml.body.operations)
    expect(await toolCount()).to.equal(4)
  })

  it('refuses names a tool already has, or two operations share, with 409 before creating anything', async () => {
    await api.post('/api/v1/tools').send({ name: 'getOrder', description: 'mine' }).expect(201)
    for (const query of ['', '?dry_run=true']) {
      const res = await importing({ base_url: base, document: shopYaml }, query)
      expect(res.status, res.text).to.equal(409)
      expect(res.body.error_code).to.equal('OPENAPI_IMPORT_NAME_CONFLICT')
      expect(res.body.details).to.deep.equal({ existing: ['getOrder'], repeated: [] })
    }
    expect(await toolCount()).to.equal(1)
    const twins = documentWith({
      '/a': { get: { operationId: 'pets.list', responses: okResponses } },
      '/b': { get: { operationId: 'pets list', responses: okResponses } },
      '/c': { get: { operationId: 'getOrder', responses: okResponses } },
    })
    const res = await importing({ base_url: base, document: twins })
    expect(res.status).to.equal(409)
    expect(res.body.details).to.deep.equal({
      existing: ['getOrder'],
      repeated: [{ name: 'pets_list', operations: ['pets.list', 'pets list'] }],
    })
    expect(await toolCount()).to.equal(1)
  })

  it('creates all or nothing when two imports race for the same names', async () => {
    const [a, b] = await Promise.all([
      importing({ base_url: base, document: shopYaml }),
      importing({ base_url: base, document: shopYaml }),
    ])
    expect([a.status, b.status].sort()).to.deep.equal([201, 409])
    expect([a, b].find((r) => r.status === 409)!.body.error_code).to.equal('OPENAPI_IMPORT_NAME_CONFLICT')
    expect(await toolCount()).to.equal(4)
  })

  it('rolls every tool back when one insert fails after the check (a tool of that name committed meanwhile)', async () => {
    const tenant = await createTestTenant('openapi-import-late')
    api = asTenant(tenant)
    const { superSql } = testStack()
    let sent!: Promise<{ status: number; body: Json }>
    // An uncommitted tool named getOrder: the import's check does not see it, its insert waits for it.
    await superSql.begin(async (sql) => {
      await sql`insert into tools (tenant_id, name, description) values (${tenant.tenantId}, 'getOrder', 'late')`
      sent = importing({ base_url: base, document: shopYaml }).then((res) => res)
      const started = Date.now()
      while ((await lockWaits()) < 1) {
        if (Date.now() - started > 10_000) throw new Error('the import never waited for the uncommitted tool')
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    })
    const res = await sent
    expect(res.status, JSON.stringify(res.body)).to.equal(409)
    expect(res.body.error_code).to.equal('OPENAPI_IMPORT_NAME_CONFLICT')
    expect(res.body.details).to.deep.equal({ existing: ['getOrder'], repeated: [] })
    // listOrders and createOrder were inserted before getOrder in the same transaction: gone with it.
    const names = ((await api.get('/api/v1/tools').expect(200)).body.items as { name: string }[]).map(
      (t) => t.name,
    )
    expect(names).to.deep.equal(['getOrder'])
  })

  it('imports only the operations named (operationId or "METHOD /path"), and names the unknown ones', async () => {
    const res = await importing({
      base_url: base,
      document: shopYaml,
      operations: ['getOrder', 'DELETE /stores/{storeId}/orders/{orderId}'],
    })
    expect(res.status, res.text).to.equal(201)
    expect((res.body.items as ImportedTool[]).map((t) => t.name)).to.deep.equal([
      'getOrder',
      'delete_stores_storeId_orders_orderId',
    ])
    const unknown = await importing({
      base_url: base,
      document: shopYaml,
      operations: ['listOrders', 'nope', 'GET /nowhere'],
    })
    expect(unknown.status).to.equal(422)
    expect(unknown.body.error_code).to.equal('OPENAPI_IMPORT_UNKNOWN_OPERATIONS')
    expect(unknown.body.details).to.deep.equal({ operations: ['nope', 'GET /nowhere'] })
    expect(await toolCount()).to.equal(2)
  })

  it('refuses documents it cannot import with a pointer into them, creating nothing and fetching nothing', async () => {
    const external = `${server.base}/schemas/pet.json`
    const cases: [string, unknown, string, string][] = [
      ['not OpenAPI', { hello: 'world' }, '/openapi', 'OpenAPI 3.x'],
      ['Swagger 2.0', { swagger: '2.0', info: {}, paths: {} }, '/swagger', 'OpenAPI 2.0'],
      ['neither JSON nor YAML', 'openapi: [3.0', '', 'cannot be read as JSON or YAML (line 1'],
      ['no operations', documentWith({}), '/paths', 'no operation'],
      [
        'an external $ref (a URL)',
        documentWith({
          '/pets': {
            post: {
              operationId: 'p',
              requestBody: { content: { 'application/json': { schema: { $ref: external } } } },
              responses: okResponses,
            },
          },
        }),
        '/paths/~1pets/post/requestBody/content/application~1json/schema/$ref',
        'external references are not fetched',
      ],
      [
        'an external $ref (a file)',
        documentWith({ '/pets': { $ref: 'other.yaml#/paths/~1pets' } }),
        '/paths/~1pets/$ref',
        'external references are not fetched',
      ],
      [
        'a recursive schema',
        documentWith(
          {
            '/nodes': {
              post: {
                operationId: 'n',
                requestBody: {
                  content: { 'application/json': { schema: { $ref: '#/components/schemas/Node' } } },
                },
                responses: okResponses,
              },
            },
          },
          {
            schemas: {
              Node: {
                type: 'object',
                properties: { children: { type: 'array', items: { $ref: '#/components/schemas/Node' } } },
              },
            },
          },
        ),
        '/components/schemas/Node/properties/children/items/$ref',
        'a $ref cycle (#/components/schemas/Node -> #/components/schemas/Node)',
      ],
      [
        'a $ref chain that loops',
        documentWith(
          {
            '/x': {
              get: {
                operationId: 'x',
                parameters: [{ $ref: '#/components/parameters/A' }],
                responses: okResponses,
              },
            },
          },
          {
            parameters: {
              A: { $ref: '#/components/parameters/B' },
              B: { $ref: '#/components/parameters/A' },
            },
          },
        ),
        '/components/parameters/B/$ref',
        'a $ref cycle',
      ],
      [
        'a $ref to nothing',
        documentWith({
          '/x': {
            get: {
              operationId: 'x',
              parameters: [{ $ref: '#/components/parameters/Gone' }],
              responses: okResponses,
            },
          },
        }),
        '/paths/~1x/get/parameters/0/$ref',
        'points at nothing',
      ],
      [
        'a required array parameter',
        documentWith({
          '/x': {
            get: {
              operationId: 'x',
              parameters: [
                {
                  name: 'ids',
                  in: 'query',
                  required: true,
                  schema: { type: 'array', items: { type: 'string' } },
                },
              ],
              responses: okResponses,
            },
          },
        }),
        '/paths/~1x/get/parameters/0',
        'arrays and objects cannot be sent as one value, and the parameter is required',
      ],
      [
        'a required non-JSON body',
        documentWith({
          '/x': {
            post: {
              operationId: 'x',
              requestBody: { required: true, content: { 'multipart/form-data': {} } },
              responses: okResponses,
            },
          },
        }),
        '/paths/~1x/post/requestBody',
        'http tools send JSON bodies only',
      ],
    ]
    for (const [what, document, pointer, message] of cases) {
      const res = await importing({ base_url: base, document })
      expect(res.status, `${what}: ${res.text}`).to.equal(422)
      expect(res.body.error_code, what).to.equal('OPENAPI_IMPORT_INVALID_DOCUMENT')
      const errors = res.body.details.errors as { pointer: string; message: string }[]
      expect(
        errors.map((e) => e.pointer),
        what,
      ).to.include(pointer)
      expect(errors.find((e) => e.pointer === pointer)!.message, what).to.include(message)
    }
    expect(server.requests.filter((r) => r.url.startsWith('/schemas/'))).to.deep.equal([])
    expect(await toolCount()).to.equal(0)
  })

  it('refuses a document over 1 MiB (413) and a body over 2 MiB (413 PAYLOAD_TOO_LARGE)', async () => {
    const padded = `${shopYaml}\n# ${'x'.repeat(1024 * 1024)}\n`
    const doc = await importing({ base_url: base, document: padded })
    expect(doc.status).to.equal(413)
    expect(doc.body.error_code).to.equal('OPENAPI_IMPORT_DOCUMENT_TOO_LARGE')
    expect(doc.body.details).to.deep.equal({
      limit_bytes: 1024 * 1024,
      size_bytes: Buffer.byteLength(padded),
    })
    // Just under the limit, with escapes that make the body larger than the document: accepted.
    const near = `${shopYaml}\n# ${'"'.repeat(1024 * 1024 - shopYaml.length - 8)}\n`
    expect(Buffer.byteLength(near)).to.be.below(1024 * 1024)
    const ok = await importing({ base_url: base, document: near }, '?dry_run=true')
    expect(ok.status, ok.text).to.equal(200)
    const body = await importing({ base_url: base, document: 'x'.repeat(2 * 1024 * 1024) })
    expect(body.status, body.text).to.equal(413)
    expect(body.body.error_code).to.equal('PAYLOAD_TOO_LARGE')
    expect(body.body.details).to.deep.equal({ limit_bytes: 2 * 1024 * 1024 })
    // Every other operation keeps the 64 KiB limit.
    const tool = await api.post('/api/v1/tools').send({ name: 'big', description: 'x'.repeat(70 * 1024) })
    expect(tool.status).to.equal(413)
    expect(tool.body.details).to.deep.equal({ limit_bytes: 64 * 1024 })
    expect(await toolCount()).to.equal(0)
  })

  it('checks base_url as any http tool URL is checked (pointer /base_url), and caps one import at 100 tools', async () => {
    const denied = await importing({ base_url: 'https://10.0.0.1/api', document: shopYaml })
    expect(denied.status).to.equal(422)
    expect(denied.body.error_code).to.equal('EGRESS_DENIED')
    expect(denied.body.details).to.deep.include({ reason: 'private', pointer: '/base_url' })
    const invalid = await importing({ base_url: 'https://bad host/api', document: shopYaml })
    expect(invalid.status).to.equal(400)
    const port = await importing({ base_url: 'https://api.example.com:99999/x', document: shopYaml })
    expect(port.status).to.equal(422)
    expect(port.body.error_code).to.equal('INVALID_TOOL_CONFIG')
    expect(port.body.details.errors[0].pointer).to.equal('/base_url')
    const paths = Object.fromEntries(
      Array.from({ length: 101 }, (_, i) => [
        `/r${i}`,
        { get: { operationId: `r${i}`, responses: okResponses } },
      ]),
    )
    const many = await importing({ base_url: base, document: documentWith(paths) })
    expect(many.status).to.equal(422)
    expect(many.body.error_code).to.equal('OPENAPI_IMPORT_TOO_MANY_OPERATIONS')
    expect(many.body.details).to.deep.equal({ count: 101, limit: 100 })
    const selected = await importing({
      base_url: base,
      document: documentWith(paths),
      operations: Array.from({ length: 100 }, (_, i) => `r${i}`),
    })
    expect(selected.status, selected.text).to.equal(201)
    expect(await toolCount()).to.equal(100)
  })

  it('keeps imported tools to the tenant that imported them', async () => {
    const res = await importing({ base_url: base, document: shopYaml }).expect(201)
    const other = asTenant(await createTestTenant('openapi-import-other'))
    expect(await toolCount(other)).to.equal(0)
    for (const tool of res.body.items as ImportedTool[]) {
      await other.get(`/api/v1/tools/${tool.id}`).expect(404)
      await other.post(`/api/v1/tools/${tool.id}/test`).send({ input: {} }).expect(404)
    }
    // The names are this tenant's: another tenant imports the same document without a conflict.
    await other.post('/api/v1/tools/import').send({ base_url: base, document: shopYaml }).expect(201)
    expect(await toolCount(other)).to.equal(4)
    expect(await toolCount()).to.equal(4)
  })
})
