// Downloading a published package and verifying it as an installer would, with node:crypto and nothing of
// the platform's: the body's SHA-256 is the ETag and the version's package_sha256, the detached Ed25519
// signature verifies against GET /api/v1/marketplace/signing-key. Downloads are counted; yank; no key.
import { createHash, createPublicKey, verify } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect } from 'chai'
import { pino } from 'pino'
import { loadConfig, pluginSettingsOf, type Config } from '../../../app/config.js'
import {
  asTenant,
  buildTestApp,
  createTestTenant,
  testConfig,
  testMarketplaceSigningKey,
} from '../../../test/helpers/api.js'
import { testStack } from '../../../test/harness/stack.js'
import { appWithWorkers, type AppWithWorkers } from '../../runs/test/subscribers.helpers.js'
import { marketplacePlugin } from '../marketplace.plugin.js'
import { localKeyPath, makeLocalKeys } from '../../secrets/secrets.key-files.js'
import { makePackageSigner, signingKeyFile, signerFor } from '../publish.signing.js'
import { createListing, createTool, publish, type Api } from './publish.helpers.js'

const packageUrl = (slug: string, version: string) =>
  `/api/v1/marketplace/listings/${slug}/versions/${version}/package`

/** The raw body, as bytes: what the signature covers (supertest would parse JSON). */
const raw = (api: Api, url: string) =>
  api
    .get(url)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => done(null, Buffer.concat(chunks)))
    })

const counters = (slug: string) =>
  testStack().superSql<{ download_count: string }[]>`
    select download_count from marketplace_listings where slug = ${slug}`.then((rows) =>
    Number(rows[0]!.download_count),
  )

describe('marketplace publish: the signed package', function () {
  this.timeout(120_000)
  let app: AppWithWorkers
  let publisher: Api
  let installer: Api
  let installerId: string
  let slug: string
  let sha: string

  before(async () => {
    app = await appWithWorkers([])
    publisher = asTenant(await createTestTenant('package-publisher'), app.built)
    const tenant = await createTestTenant('package-installer')
    installerId = tenant.tenantId
    installer = asTenant(tenant, app.built)
    slug = (await createListing(publisher)).slug
    const words = await createTool(publisher, {
      name: 'word-count',
      kind: 'javascript',
      code: 'export default ({ text }) => ({ words: String(text).split(" ").length })',
    })
    const published = await publish(publisher, slug, '1.0.0', [words], { example_prompts: ['hello'] })
    expect(published.status, JSON.stringify(published.report)).to.equal('published')
    sha = published.package_sha256
    const second = await publish(publisher, slug, '1.1.0', [words])
    expect(second.status).to.equal('published')
  })
  after(() => app.stop())

  it('serves the canonical JSON with its SHA-256 as ETag and an Ed25519 signature that node:crypto verifies', async () => {
    const key = await installer.get('/api/v1/marketplace/signing-key').expect(200)
    expect(key.body).to.include({ algorithm: 'ed25519' })
    expect(key.body.key_id).to.match(/^[0-9a-f]{16}$/)
    const res = await raw(installer, packageUrl(slug, '1.0.0')).expect(200)
    const body = res.body as Buffer
    expect(res.headers['content-type']).to.match(/^application\/json/)
    const digest = createHash('sha256').update(body).digest('hex')
    expect(digest).to.equal(sha)
    expect(res.headers.etag).to.equal(`"${sha}"`)

    const header = String(res.headers['x-package-signature'])
    expect(header).to.match(/^ed25519=[A-Za-z0-9+/]{86}==$/)
    const signature = Buffer.from(header.slice('ed25519='.length), 'base64')
    const fromPem = createPublicKey(key.body.public_key_pem as string)
    expect(verify(null, body, fromPem, signature)).to.equal(true)
    // The raw key works the same (as JWK, what most Ed25519 libraries take).
    const fromRaw = createPublicKey({
      key: {
        kty: 'OKP',
        crv: 'Ed25519',
        x: Buffer.from(key.body.public_key, 'base64').toString('base64url'),
      },
      format: 'jwk',
    })
    expect(verify(null, body, fromRaw, signature)).to.equal(true)
    // A changed byte, or another version's signature, does not verify.
    const tampered = Buffer.from(body.toString().replace('word-count', 'word-counT'))
    expect(verify(null, tampered, fromPem, signature)).to.equal(false)

    const pkg = JSON.parse(body.toString()) as { format: string; tools: { name: string; code: string }[] }
    expect(pkg.format).to.equal('mini-agent-platform/agent-package@1')
    expect(pkg.tools.map((t) => t.name)).to.deep.equal(['word-count'])
    // Canonical: keys sorted, no whitespace.
    expect(body.toString()).to.match(/^\{"agent":\{"description":/)
    expect(body.toString()).to.not.match(/\n|": /)
  })

  it("counts each download in the listing's download_count, from the downloader's own rows", async () => {
    const before = await counters(slug)
    await raw(installer, packageUrl(slug, '1.0.0')).expect(200)
    await raw(installer, packageUrl(slug, '1.1.0')).expect(200)
    await raw(publisher, packageUrl(slug, '1.1.0')).expect(200)
    expect(await counters(slug)).to.equal(before + 3)
    const rows = await testStack().superSql<{ version: string }[]>`
      select version from marketplace_downloads where tenant_id = ${installerId} and listing_slug = ${slug}
       order by created_at`
    expect(rows.map((r) => r.version).slice(-2)).to.deep.equal(['1.0.0', '1.1.0'])
    const mine = await publisher.get('/api/v1/marketplace/listings/mine').expect(200)
    expect(mine.body.items[0]).to.include({ slug, download_count: before + 3 })
    const counted = await app.built.container.cradle.metrics.registry.getSingleMetricAsString(
      'marketplace_downloads_total',
    )
    expect(counted).to.match(/marketplace_downloads_total [1-9]/)
  })

  it('yanks: the version stays readable, marked; its package answers 410 to everyone; it is never the latest', async () => {
    const refused = await installer.post(`/api/v1/marketplace/listings/${slug}/versions/1.1.0/yank`)
    expect(refused.status).to.equal(403)
    expect(refused.body.error_code).to.equal('MARKETPLACE_NOT_PUBLISHER')

    const yanked = await publisher
      .post(`/api/v1/marketplace/listings/${slug}/versions/1.1.0/yank`)
      .expect(200)
    expect(yanked.body).to.include({ version: '1.1.0', status: 'published', yanked: true })
    const again = await publisher.post(`/api/v1/marketplace/listings/${slug}/versions/1.1.0/yank`).expect(200)
    expect(again.body.yanked_at).to.equal(yanked.body.yanked_at)

    const seen = await installer.get(`/api/v1/marketplace/listings/${slug}/versions/1.1.0`).expect(200)
    expect(seen.body).to.include({ yanked: true })
    const before = await counters(slug)
    for (const api of [installer, publisher]) {
      const gone = await api.get(packageUrl(slug, '1.1.0'))
      expect(gone.status).to.equal(410)
      expect(gone.body).to.deep.include({
        error_code: 'MARKETPLACE_VERSION_YANKED',
        details: { slug, version: '1.1.0' },
      })
    }
    expect(await counters(slug), 'a refused download is not counted').to.equal(before)
    const mine = await publisher.get('/api/v1/marketplace/listings/mine').expect(200)
    expect(mine.body.items[0]).to.include({ slug, latest_version: '1.0.0' })
    await raw(installer, packageUrl(slug, '1.0.0')).expect(200)
  })

  it('answers 404 for a version that is not published (or not there) and 409 to yank one', async () => {
    const rejectedTool = await createTool(publisher, {
      name: 'scan-me',
      kind: 'javascript',
      code: 'export default (input) => eval(input.x)',
    })
    const rejected = await publish(publisher, slug, '2.0.0', [rejectedTool])
    expect(rejected.status).to.equal('rejected')
    for (const version of ['2.0.0', '9.9.9']) {
      const res = await publisher.get(packageUrl(slug, version))
      expect(res.status, version).to.equal(404)
      expect(res.body.error_code).to.equal('MARKETPLACE_VERSION_NOT_FOUND')
    }
    const yank = await publisher.post(`/api/v1/marketplace/listings/${slug}/versions/2.0.0/yank`)
    expect(yank.status).to.equal(409)
    expect(yank.body).to.deep.include({
      error_code: 'MARKETPLACE_VERSION_NOT_PUBLISHED',
      details: { slug, version: '2.0.0', status: 'rejected' },
    })
    const unknown = await publisher.post(`/api/v1/marketplace/listings/${slug}/versions/9.9.9/yank`)
    expect(unknown.status).to.equal(404)
  })

  it('answers 503 MARKETPLACE_SIGNING_KEY_UNAVAILABLE without a key, counting nothing', async () => {
    const unsigned = buildTestApp({ config: testConfig({ MARKETPLACE_SIGNING_KEY: '' }) })
    const api = asTenant(await createTestTenant('package-unsigned'), unsigned)
    const before = await counters(slug)
    for (const url of [packageUrl(slug, '1.0.0'), '/api/v1/marketplace/signing-key']) {
      const res = await api.get(url)
      expect(res.status, url).to.equal(503)
      expect(res.body).to.deep.include({
        error_code: 'MARKETPLACE_SIGNING_KEY_UNAVAILABLE',
        details: { reason: 'no_signing_key' },
      })
    }
    expect(await counters(slug)).to.equal(before)
  })
})

describe('marketplace publish: where the signing key comes from', () => {
  const logger = pino({ level: 'silent' })
  /** The signer as the container builds it, MARKETPLACE_SIGNING_KEY read by the plugin's settings. */
  const signerOf = (config: Config) =>
    makePackageSigner({
      marketplaceConfig: pluginSettingsOf(config, marketplacePlugin),
      secretsLocalKeys: makeLocalKeys({ config, logger }),
    })
  const load = (env: Record<string, string | undefined>) => loadConfig(env, [marketplacePlugin])
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'map-signing-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('signs with MARKETPLACE_SIGNING_KEY when set, the same key in every process', () => {
    const config = testConfig()
    const signer = signerOf(config)
    expect(signer.source).to.equal('configured')
    const again = signerFor(Buffer.from(testMarketplaceSigningKey, 'base64'), 'configured')
    expect(signer.publicKey()).to.deep.equal(again.publicKey())
    expect(signer.signatureHeader(Buffer.from('x'))).to.equal(again.signatureHeader(Buffer.from('x')))
  })

  it('with the embedded database outside production, generates a key file (0600) once and keeps using it', () => {
    const config = load({ NODE_ENV: 'development', EMBEDDED_PG_DIR: path.join(dir, 'postgres') })
    const first = signerOf(config)
    expect(first.source).to.equal('key-file')
    const file = localKeyPath(config, signingKeyFile)
    expect(file).to.equal(path.join(dir, 'marketplace-signing.key'))
    expect(statSync(file).mode & 0o777).to.equal(0o600)
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')).to.have.length(32)
    const second = signerOf(config)
    expect(second.publicKey()).to.deep.equal(first.publicKey())
    expect(JSON.stringify(second.publicKey())).to.not.include(readFileSync(file, 'utf8').trim())
  })

  it('has none in production without MARKETPLACE_SIGNING_KEY (nor with an external database)', () => {
    for (const env of [
      { NODE_ENV: 'production', EMBEDDED_PG_DIR: path.join(dir, 'postgres') },
      { NODE_ENV: 'development', DATABASE_URL: 'postgres://u:p@localhost:5432/db' },
    ]) {
      const signer = signerOf(load(env))
      expect(signer.source).to.equal('none')
      expect(() => signer.publicKey()).to.throw('No key is configured to sign packages with.')
    }
  })
})
