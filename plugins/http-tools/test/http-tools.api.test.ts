// http tools through the API: stored (templates and limits checked, the policy's static refusals as 422
// EGRESS_DENIED), tested (POST /tools/{id}/test) against a local server, their failures as tool errors.
import { expect } from 'chai'
import { pluginSettingsOf } from '../../../app/config.js'
import {
  asTenant,
  buildTestApp,
  createTestTenant,
  testConfig,
  type TestTenant,
} from '../../../test/helpers/api.js'
import { createEgress } from '../../egress/egress.js'
import { egressPlugin } from '../../egress/egress.plugin.js'
import { countingServer, scriptedResolver, type CountingServer } from '../../egress/test/servers.js'
import { startUpstream, type Upstream } from './local-server.js'

type Api = ReturnType<typeof asTenant>

describe('http tools (API)', function () {
  this.timeout(20_000)
  let upstream: Upstream
  let tenant: TestTenant
  let api: Api

  before(async () => {
    upstream = await startUpstream()
  })
  after(() => upstream.close())
  beforeEach(async () => {
    tenant = await createTestTenant('http-tools')
    api = asTenant(tenant)
  })

  let named = 0
  const create = (http: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    api
      .post('/api/v1/tools')
      .send({ name: `call-${++named}`, description: 'Calls a server', kind: 'http', http, ...extra })
  const createOk = async (http: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    const res = await create(http, extra)
    expect(res.status, JSON.stringify(res.body)).to.equal(201)
    return res.body as { id: string; http: Record<string, unknown>; input_schema: Record<string, unknown> }
  }
  const test = async (id: string, input: Record<string, unknown> = {}) =>
    (await api.post(`/api/v1/tools/${id}/test`).send({ input }).expect(200)).body as {
      output?: { status: number; headers: Record<string, string>; body: unknown; truncated: boolean }
      error?: { code: string; message: string }
    }

  it('fills the URL, query, headers and body from the input and returns status, safe headers and JSON', async () => {
    const tool = await createOk({
      method: 'POST',
      url: `${upstream.base}/echo/{id}`,
      query: { q: '{term}', fixed: 'yes' },
      headers: { 'X-Term': 'term={term}' },
      body: { id: '{id}', count: '{n}', note: 'n is {n}' },
    })
    expect(tool.http).to.include({ method: 'POST', timeout_ms: 10_000, max_response_bytes: 65_536 })
    expect(tool.input_schema).to.deep.equal({ type: 'object', required: ['id', 'term', 'n'] })
    const result = await test(tool.id, { id: 'a/b c?', term: 'x&y=z', n: 3 })
    expect(result.error).to.equal(undefined)
    expect(result.output!.status).to.equal(200)
    expect(result.output!.truncated).to.equal(false)
    expect(result.output!.body).to.deep.equal({
      method: 'POST',
      url: '/echo/a%2Fb%20c%3F?q=x%26y%3Dz&fixed=yes',
      body: { id: 'a/b c?', count: 3, note: 'n is 3' },
    })
    expect(result.output!.headers).to.include({ 'content-type': 'application/json', etag: '"v1"' })
    expect(result.output!.headers).to.not.have.any.keys('set-cookie', 'x-internal-token')
    const seen = upstream.requests.at(-1)!
    expect(seen.headers['x-term']).to.equal('term=x&y=z')
    expect(seen.headers['accept-encoding']).to.equal(undefined)
  })

  it('leaves out a query, header or body that is exactly {name?} when the input has no name (or null)', async () => {
    const tool = await createOk(
      {
        method: 'POST',
        url: `${upstream.base}/echo/{id}`,
        query: { q: '{term?}', fixed: 'yes' },
        headers: { 'X-Trace': '{trace?}' },
        body: '{payload?}',
      },
      {
        input_schema: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            term: { type: ['string', 'null'] },
            trace: { type: 'string' },
            payload: { type: 'object' },
          },
          required: ['id'],
        },
      },
    )
    const bare = await test(tool.id, { id: 'a', term: null })
    expect(bare.output!.body).to.deep.equal({ method: 'POST', url: '/echo/a?fixed=yes', body: null })
    const bareSeen = upstream.requests.at(-1)!
    expect(bareSeen.headers).to.not.have.any.keys('x-trace', 'content-type')
    expect(bareSeen.body).to.equal('')
    const full = await test(tool.id, { id: 'a', term: 'x y', trace: 't-1', payload: { n: 1 } })
    expect(full.output!.body).to.deep.equal({
      method: 'POST',
      url: '/echo/a?q=x+y&fixed=yes',
      body: { n: 1 },
    })
    expect(upstream.requests.at(-1)!.headers).to.include({
      'x-trace': 't-1',
      'content-type': 'application/json',
    })
    // Inside a body mapping, an absent optional member or item is left out; the rest is sent.
    const nested = await createOk(
      { method: 'PUT', url: `${upstream.base}/echo`, body: { keep: '{a}', drop: '{b?}', list: ['{b?}', 1] } },
      { input_schema: { type: 'object', required: ['a'] } },
    )
    expect((await test(nested.id, { a: 'x' })).output!.body).to.deep.equal({
      method: 'PUT',
      url: '/echo',
      body: { keep: 'x', list: [1] },
    })
  })

  it('refuses {name?} anywhere but a whole query, header or body value', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ url: `${upstream.base}/echo/{id?}` }, '/http/url'],
      [{ url: `${upstream.base}/echo`, query: { q: 'x{term?}' } }, '/http/query/q'],
      [{ url: `${upstream.base}/echo`, headers: { 'X-A': 'Bearer {t?}' } }, '/http/headers/X-A'],
      [{ url: `${upstream.base}/echo`, method: 'POST', body: { a: 'n={n?}' } }, '/http/body/a'],
    ]
    for (const [http, pointer] of cases) {
      const res = await create(http)
      expect(res.status, JSON.stringify(http)).to.equal(422)
      expect(res.body.error_code).to.equal('INVALID_TOOL_CONFIG')
      expect(res.body.details.errors.map((e: { pointer: string }) => e.pointer)).to.deep.equal([pointer])
    }
    // Optional parameters are not required by the default input_schema.
    const tool = await createOk({ url: `${upstream.base}/echo/{id}`, query: { q: '{q?}' } })
    expect(tool.input_schema).to.deep.equal({ type: 'object', required: ['id'] })
  })

  it('returns text bodies as text, cut at max_response_bytes', async () => {
    const text = await createOk({ url: `${upstream.base}/text` })
    expect((await test(text.id)).output).to.deep.include({ body: 'plain words', truncated: false })
    const big = await createOk({ url: `${upstream.base}/big`, max_response_bytes: 1000 })
    const output = (await test(big.id)).output!
    expect(output.truncated).to.equal(true)
    expect(output.body).to.equal('x'.repeat(1000))
  })

  it('makes a 5xx, a timeout, a JSON answer that does not parse and a binary body tool errors', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['5xx', { url: `${upstream.base}/fail` }, 'UPSTREAM_ERROR'],
      ['timeout', { url: `${upstream.base}/silent`, timeout_ms: 300 }, 'TIMEOUT'],
      ['not JSON', { url: `${upstream.base}/not-json` }, 'INVALID_JSON_RESPONSE'],
      ['binary', { url: `${upstream.base}/binary` }, 'BINARY_RESPONSE'],
    ]
    for (const [what, http, code] of cases) {
      const tool = await createOk(http)
      const result = await test(tool.id)
      expect(result.error?.code, what).to.equal(code)
      expect(result.output, what).to.equal(undefined)
    }
    expect((await test((await createOk({ url: `${upstream.base}/fail` })).id)).error!.message).to.include(
      '503',
    )
  })

  it('answers an input that does not fill the templates with an INVALID_INPUT error', async () => {
    const tool = await createOk({ url: `${upstream.base}/echo/{id}` }, { input_schema: { type: 'object' } })
    const result = await test(tool.id, { id: { nested: true } })
    expect(result.error).to.deep.include({ code: 'INVALID_INPUT' })
  })

  it('refuses bad http fields with INVALID_TOOL_CONFIG and a pointer each', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ url: 'https://{host}.example.com/x' }, '/http/url'],
      [{ url: 'not a url' }, '/http/url'],
      [{ url: `${upstream.base}/x`, headers: { Host: 'evil.example' } }, '/http/headers/Host'],
      [
        { url: `${upstream.base}/x`, headers: { 'Accept-Encoding': 'gzip' } },
        '/http/headers/Accept-Encoding',
      ],
      [{ url: `${upstream.base}/x`, method: 'GET', body: { a: 1 } }, '/http/body'],
    ]
    for (const [http, pointer] of cases) {
      const res = await create(http)
      expect(res.status, JSON.stringify(http)).to.equal(422)
      expect(res.body.error_code).to.equal('INVALID_TOOL_CONFIG')
      expect(res.body.details.errors.map((e: { pointer: string }) => e.pointer)).to.include(pointer)
    }
    // The contract refuses what its schema can tell (400) before the kind sees it.
    for (const http of [
      { url: `${upstream.base}/x`, timeout_ms: 30_001 },
      { url: `${upstream.base}/x`, max_response_bytes: 1_048_577 },
      { url: `${upstream.base}/x`, method: 'TRACE' },
      { url: `${upstream.base}/x`, follow_redirects: true },
    ]) {
      const res = await create(http)
      expect(res.status, JSON.stringify(http)).to.equal(400)
      expect(res.body.error_code).to.equal('VALIDATION_ERROR')
    }
    const missing = await api.post('/api/v1/tools').send({ name: 'n', description: 'd', kind: 'http' })
    expect(missing.status).to.equal(422)
    expect(missing.body.details.errors[0].pointer).to.equal('/http')
  })

  it('refuses at creation what the policy refuses without resolving, as EGRESS_DENIED', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['metadata', { url: 'http://169.254.169.254/latest/meta-data/' }, 'cloud-metadata'],
      ['loopback not allowed', { url: 'http://127.0.0.2/' }, 'loopback'],
      ['IPv6 loopback', { url: 'http://[::1]/' }, 'loopback'],
      ['private, decimal', { url: 'http://167772161/' }, 'private'],
      ['localhost', { url: 'https://localhost./x' }, 'loopback'],
      ['userinfo', { url: 'https://good@127.0.0.1/' }, 'userinfo'],
      ['scheme', { url: 'ftp://example.com/' }, 'scheme'],
      [
        'allowed_hosts',
        { url: 'https://api.example.com/', allowed_hosts: ['other.example.com'] },
        'host-not-allowed',
      ],
    ]
    for (const [what, http, reason] of cases) {
      const res = await create(http)
      expect(res.status, what).to.equal(422)
      expect(res.body.error_code, what).to.equal('EGRESS_DENIED')
      expect(res.body.details, what).to.deep.equal({
        reason,
        host: res.body.details.host,
        pointer: '/http/url',
      })
    }
    await createOk({ url: 'https://api.example.com/{x}', allowed_hosts: ['*.example.com'] })
  })
})

describe('http tools (API) with a scripted resolver', function () {
  this.timeout(20_000)
  let privateServer: CountingServer
  let built: ReturnType<typeof buildTestApp>
  const resolver = scriptedResolver({ 'internal.example.test': ['127.0.0.3'] })

  before(async () => {
    privateServer = await countingServer('127.0.0.3')
    // The service's plugins, the egress plugin's `egress` resolving through the script (same settings).
    built = buildTestApp({ egress: createEgress(pluginSettingsOf(testConfig(), egressPlugin), { resolver }) })
  })
  after(() => privateServer.close())

  it('answers a name resolving to a refused address with an EGRESS_DENIED error, connecting to nothing', async () => {
    const api = asTenant(await createTestTenant('http-dns'), built)
    const tool = await api.post('/api/v1/tools').send({
      name: 'internal',
      description: 'd',
      kind: 'http',
      http: { url: `http://internal.example.test:${privateServer.port}/` },
    })
    expect(tool.status, JSON.stringify(tool.body)).to.equal(201)
    const res = await api.post(`/api/v1/tools/${tool.body.id}/test`).send({ input: {} }).expect(200)
    expect(res.body.error.code).to.equal('EGRESS_DENIED')
    expect(res.body.error.message).to.include('127.0.0.3')
    expect(resolver.calls).to.deep.equal(['internal.example.test'])
    expect(privateServer.connections()).to.equal(0)
  })
})
