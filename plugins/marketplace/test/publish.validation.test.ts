// The validation of a version end to end, with real job workers in this process (as `npm start` runs
// them): every check passing, then each check failing on its own, and a validation job that fails every
// attempt ending the version rejected (never stuck validating). Tools whose stored definition the catalog
// would refuse today (a rule tightened, the operator's egress policy changed) are written as the superuser,
// as such rows would have been stored before.
import { expect } from 'chai'
import { asTenant, buildTestApp, createTestTenant, testConfig } from '../../../test/helpers/api.js'
import { testStack } from '../../../test/harness/stack.js'
import { appWithWorkers, until, type AppWithWorkers } from '../../runs/test/subscribers.helpers.js'
import {
  createAgent,
  createListing,
  createTool,
  entry,
  publish,
  settled,
  submitVersion,
  type Api,
} from './publish.helpers.js'

const checks = [
  'tool_kinds',
  'input_schemas',
  'javascript_compiles',
  'javascript_scan',
  'http_egress',
  'no_embedded_secrets',
  'example_prompts',
]

/** Rewrites a stored tool's input schema or kind fields behind the catalog's back. */
const storeSchema = (id: string, schema: object) =>
  testStack()
    .superSql`update tools set input_schema = ${testStack().superSql.json(schema as never)} where id = ${id}`
const storeConfig = (id: string, config: object) =>
  testStack()
    .superSql`update tools set config = ${testStack().superSql.json(config as never)} where id = ${id}`

const failedOnly = (version: { report?: { check: string; passed: boolean }[] }) =>
  version.report!.filter((e) => !e.passed).map((e) => e.check)

describe('marketplace publish: validation', function () {
  this.timeout(120_000)
  let app: AppWithWorkers
  let api: Api
  let other: Api
  let slug: string
  let next = 0
  const version = () => `1.${++next}.0`

  before(async () => {
    app = await appWithWorkers([])
  })
  after(() => app.stop())
  beforeEach(async () => {
    api = asTenant(await createTestTenant('validation'), app.built)
    other = asTenant(await createTestTenant('validation-other'), app.built)
    slug = (await createListing(api)).slug
  })

  it('publishes a version whose every check passes, and its listing with it; others see it, never its report', async () => {
    const calc = await createTool(api, { name: 'calc', kind: 'builtin', builtin: 'calculator' })
    const words = await createTool(api, {
      name: 'word-count',
      kind: 'javascript',
      code: 'export default ({ text }) => ({ words: text.split(/\\s+/).filter(Boolean).length })',
      input_schema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
    })
    const alerts = await createTool(api, {
      name: 'alerts',
      kind: 'http',
      http: {
        url: 'http://127.0.0.1:9/alerts/{id}',
        headers: { Authorization: 'Bearer {{secrets.ALERTS_TOKEN}}' },
      },
    })
    const ask = await createTool(api, { name: 'ask', description: 'Asks the caller' })
    const published = await publish(api, slug, '1.0.0', [calc, words, alerts, ask], {
      example_prompts: [
        'hello',
        'use calc with {"expression": "2 + 3"}',
        'use word-count with {"text": "a b c"} then use alerts with {"id": "7"} then use ask with {}',
      ],
    })
    expect(published.status, JSON.stringify(published.report)).to.equal('published')
    expect(published.report!.map((e) => e.check)).to.deep.equal(checks)
    expect(published.report!.every((e) => e.passed)).to.equal(true)
    expect(entry(published, 'example_prompts').message).to.match(/\(3\)/)
    expect(published.validated_at).to.be.a('string')

    const mine = await api.get('/api/v1/marketplace/listings/mine').expect(200)
    expect(mine.body.items[0]).to.include({ slug, status: 'published', latest_version: '1.0.0' })
    expect(mine.body.items[0].published_at).to.be.a('string')
    const seen = await other.get(`/api/v1/marketplace/listings/${slug}/versions/1.0.0`).expect(200)
    expect(seen.body).to.include({ status: 'published', package_sha256: published.package_sha256 })
    expect(seen.body).to.not.have.any.keys('report')

    const registry = app.built.container.cradle.metrics.registry
    expect(await registry.getSingleMetricAsString('marketplace_publications_total')).to.match(
      /marketplace_publications_total [1-9]/,
    )
    const durations = await registry.getSingleMetricAsString('marketplace_validation_duration_seconds')
    expect(durations).to.match(/marketplace_validation_duration_seconds_count\{outcome="published"\} [1-9]/)
  })

  it('rejects input schemas the registry refuses (input_schemas)', async () => {
    const tool = await createTool(api, { name: 'lookup' })
    await storeSchema(tool, { type: 'object', properties: { a: { type: 'string', pattern: '^(a+)+$' } } })
    const rejected = await publish(api, slug, version(), [tool])
    expect(rejected.status).to.equal('rejected')
    expect(failedOnly(rejected)).to.deep.equal(['input_schemas'])
    const failure = entry(rejected, 'input_schemas').details!.failures![0]!
    expect(failure).to.include({ tool: 'lookup', code: 'INVALID_INPUT_SCHEMA' })
    expect(JSON.stringify(failure.errors)).to.include('/input_schema/properties/a')
  })

  it('rejects javascript that no longer compiles in the sandbox (javascript_compiles; the scan cannot parse it either)', async () => {
    const tool = await createTool(api, { name: 'broken', kind: 'javascript', code: 'export default () => 1' })
    await storeConfig(tool, { code: 'export default (', timeout_ms: 500 })
    const rejected = await publish(api, slug, version(), [tool])
    expect(failedOnly(rejected)).to.deep.equal(['javascript_compiles', 'javascript_scan'])
    const failure = entry(rejected, 'javascript_compiles').details!.failures![0]!
    expect(failure).to.include({ tool: 'broken', code: 'CODE_DOES_NOT_COMPILE', line: 1 })
    expect(entry(rejected, 'javascript_scan').details!.failures![0]).to.include({ rule: 'parse' })
  })

  it('rejects javascript with forbidden constructs (javascript_scan), naming each with its place', async () => {
    const tool = await createTool(api, {
      name: 'sneaky',
      kind: 'javascript',
      code: [
        '// eval in a comment and "globalThis" in a string do not count',
        'const note = "globalThis"',
        'export default (input) => {',
        '  const F = (() => 0).constructor',
        '  while (true) { F(input.x) }',
        '  return eval(input.expression)',
        '}',
      ].join('\n'),
    })
    const rejected = await publish(api, slug, version(), [tool])
    expect(failedOnly(rejected)).to.deep.equal(['javascript_scan'])
    const failures = entry(rejected, 'javascript_scan').details!.failures!
    expect(failures.map((f) => [f.rule, f.line, f.column])).to.deep.equal([
      ['forbidden_property', 4, 13],
      ['endless_loop', 5, 3],
      ['forbidden_name', 6, 10],
    ])
    expect(failures.every((f) => f.tool === 'sneaky')).to.equal(true)
  })

  it("rejects http URLs the operator's egress policy refuses now (http_egress)", async () => {
    const tool = await createTool(api, {
      name: 'metadata',
      kind: 'http',
      http: { url: 'http://127.0.0.1:9/x' },
    })
    const http = { method: 'GET', url: 'http://169.254.169.254/latest/meta-data', headers: {}, query: {} }
    await storeConfig(tool, { http: { ...http, timeout_ms: 1000, max_response_bytes: 1024 } })
    const rejected = await publish(api, slug, version(), [tool])
    expect(failedOnly(rejected)).to.deep.equal(['http_egress'])
    expect(entry(rejected, 'http_egress').details!.failures![0]).to.include({
      tool: 'metadata',
      host: '169.254.169.254',
    })
  })

  it('rejects secret-looking values wherever they are (no_embedded_secrets), naming where and never the value', async () => {
    const githubToken = `ghp_${'a1B2c3D4e5'.repeat(4)}`
    const randomKey = 'Zx9Qm2Lp7Rt4Vw8Ks1Nb6Hy3Gf5Dc0Ja'
    const tool = await createTool(api, {
      name: 'leaky',
      kind: 'http',
      http: { url: 'http://127.0.0.1:9/x', headers: { Authorization: `Bearer ${githubToken}` } },
    })
    const agentId = await createAgent(api, [tool], { description: 'Signs with AKIAIOSFODNN7EXAMPLE' })
    const v = version()
    await submitVersion(api, slug, {
      version: v,
      agent_id: agentId,
      example_prompts: [`token ${randomKey} please`, 'uses {{secrets.FINE}}'],
    })
    const rejected = await settled(api, slug, v)
    expect(failedOnly(rejected)).to.deep.equal(['no_embedded_secrets'])
    const failures = entry(rejected, 'no_embedded_secrets').details!.failures!
    expect(failures.map((f) => [f.pointer, f.rule])).to.deep.equal([
      ['/package/agent/description', 'aws_access_key_id'],
      ['/package/agent/description', 'high_entropy'],
      ['/package/tools/0/http/headers/Authorization', 'github_token'],
      ['/package/tools/0/http/headers/Authorization', 'high_entropy'],
      ['/example_prompts/0', 'high_entropy'],
    ])
    const text = JSON.stringify(rejected.report)
    for (const secret of [githubToken, randomKey, 'AKIAIOSFODNN7EXAMPLE']) expect(text).to.not.include(secret)
  })

  it('rejects example prompts that do not run cleanly against the mock model (example_prompts)', async () => {
    const boom = await createTool(api, {
      name: 'boom',
      kind: 'javascript',
      code: "export default () => { throw new Error('no luck') }",
    })
    const calc = await createTool(api, { name: 'calc', kind: 'builtin', builtin: 'calculator' })
    const rejected = await publish(api, slug, version(), [boom, calc], {
      example_prompts: ['hello', 'use boom with {}', 'use calc with {"nope": 1}'],
    })
    expect(failedOnly(rejected)).to.deep.equal(['example_prompts'])
    const failures = entry(rejected, 'example_prompts').details!.failures!
    expect(failures.map((f) => f.prompt)).to.deep.equal([1, 2])
    expect(failures[0]!.message).to.match(/prompt 2: boom failed: THREW: .*no luck/)
    expect(failures[1]!.message).to.match(/prompt 3: the arguments of the call to calc do not match/)
  })

  it('rejects tools whose kind fields the kind refuses now (tool_kinds)', async () => {
    const tool = await createTool(api, { name: 'odd', kind: 'http', http: { url: 'http://127.0.0.1:9/x' } })
    await storeConfig(tool, { http: { method: 'TRACE', url: 'http://127.0.0.1:9/x' } })
    const rejected = await publish(api, slug, version(), [tool])
    expect(failedOnly(rejected)).to.deep.equal(['tool_kinds'])
    const failure = entry(rejected, 'tool_kinds').details!.failures![0]!
    expect(failure).to.include({ tool: 'odd', code: 'INVALID_TOOL_CONFIG' })
    expect(JSON.stringify(failure.errors)).to.include('/http/method')
    // A rejected version publishes nothing: the listing stays a draft only its publisher sees.
    const mine = await api.get('/api/v1/marketplace/listings/mine').expect(200)
    expect(mine.body.items[0]).to.include({ slug, status: 'draft' }).and.not.have.any.keys('latest_version')
    expect(
      (await other.get(`/api/v1/marketplace/listings/${slug}/versions/${rejected.version}`)).status,
    ).to.equal(404)
  })
})

describe('marketplace publish: a validation that fails itself', function () {
  this.timeout(120_000)

  it('is retried, and its last attempt rejects the version with validation_failed rather than leave it validating', async () => {
    // Submitted while no worker runs in this process (two attempts, a second apart), then the package is
    // made unreadable for the checks; a second version's draft listing is deleted before its job runs.
    const submitting = buildTestApp({
      config: testConfig({
        MARKETPLACE_VALIDATION_MAX_ATTEMPTS: '2',
        MARKETPLACE_VALIDATION_RETRY_DELAY_SECONDS: '1',
      }),
    })
    const tenant = await createTestTenant('validation-fails')
    const api = asTenant(tenant, submitting)
    const { slug } = await createListing(api)
    await submitVersion(api, slug, { version: '1.0.0', agent_id: await createAgent(api) })
    await testStack().superSql`
      update marketplace_versions set package = '{"format": "x", "agent": {}, "tools": {"not": "a list"}}'
       where listing_id = (select id from marketplace_listings where slug = ${slug})`
    const gone = await createListing(api)
    await submitVersion(api, gone.slug, { version: '1.0.0', agent_id: await createAgent(api) })
    await api.delete(`/api/v1/marketplace/listings/${gone.slug}`).expect(204)

    const app = await appWithWorkers([])
    try {
      const version = await settled(api, slug, '1.0.0', 60_000)
      expect(version.status).to.equal('rejected')
      expect(version.report).to.have.length(1)
      expect(version.report![0]).to.include({ check: 'validation_failed', passed: false })
      expect(version.report![0]!.message).to.match(/after 2 attempt\(s\) \(TypeError\)/)

      const jobs = () =>
        testStack().superSql<{ state: string; retry_count: number; output: unknown }[]>`
          select state, retry_count, output from pgboss.job
           where data ->> 'handler' = 'marketplace.validate-version' and data ->> 'tenant_id' = ${tenant.tenantId}
           order by created_on`
      const done = await until('both jobs to complete', async () => {
        const rows = await jobs()
        return rows.every((row) => row.state === 'completed') ? rows : undefined
      })
      expect(done.map((j) => [j.state, j.retry_count, j.output])).to.deep.equal([
        ['completed', 1, { status: 'rejected', wrote: true }],
        ['completed', 0, { skipped: 'deleted' }],
      ])
      const registry = app.built.container.cradle.metrics.registry
      const counted = await registry.getSingleMetricAsString('marketplace_validations_total')
      expect(counted).to.include('marketplace_validations_total{outcome="retried"} 1')
      expect(counted).to.include('marketplace_validations_total{outcome="failed"} 1')
    } finally {
      await app.stop()
    }
  })
})
