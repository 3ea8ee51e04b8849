// A secret's value never leaves the secrets module except to the caller of the resolver: this plants a
// unique canary value, drives every endpoint and failure path that touches it (and the resolver, the boot
// check and rotate-master), captures everything the server emitted (responses with headers, log lines at
// trace level, /metrics, audit events, idempotency records, the stored ciphertext, the CLI's output), and
// looks for the canary in each.
import { execFile } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { promisify } from 'node:util'
import { expect } from 'chai'
import supertest from 'supertest'
import { asValue } from 'awilix'
import { createLogger } from '../../../app/logger.js'
import type { BuiltApp } from '../../../app/kernel/create-app.js'
import { DomainError } from '../../../app/plugin-kit.js'
import { inTenantTransaction } from '../../../db/client.js'
import {
  buildTestApp,
  createTestTenant,
  testConfig,
  testSecretsMasterKey,
  type TestTenant,
} from '../../../test/helpers/api.js'
import { testStack } from '../../../test/harness/stack.js'
import { makeKeyring } from '../secrets.crypto.js'
import { rotateMasterKey } from '../secrets.rotation.js'
import { secretsNeedAKey } from '../secrets.boot.js'
import { runBootChecks } from '../../../app/kernel/extensions.js'

const run = promisify(execFile)
const metricsToken = 'canary-scraper-token-abcdefghijklmnopqrstuvwxyz'

describe('secrets canary: the value appears nowhere the server emits', () => {
  const canary = `CANARY-${randomUUID()}`
  // Also look for the canary's forms a careless encoder would produce.
  const forms = [canary, Buffer.from(canary).toString('base64'), Buffer.from(canary).toString('hex')]
  const emitted: { where: string; text: string }[] = []
  const logs: string[] = []
  let built: BuiltApp
  let tenant: TestTenant
  const testKey = Buffer.from(testSecretsMasterKey, 'base64')

  const record = (where: string, res: supertest.Response) =>
    emitted.push({ where, text: `${res.status}\n${JSON.stringify(res.headers)}\n${res.text}` })
  const call = (method: 'get' | 'post' | 'put' | 'delete', url: string) =>
    supertest(built.app)[method](url).set('X-API-Key', tenant.apiKey)

  before(async () => {
    const logger = createLogger({ logLevel: 'trace' }, { write: (line: string) => void logs.push(line) })
    built = buildTestApp({ logger, config: testConfig({ METRICS_TOKEN: metricsToken }) })
    tenant = await createTestTenant('canary')
  })

  it('drives every endpoint and failure path with the canary', async () => {
    const steps: [string, () => supertest.Test, number][] = [
      ['create', () => call('post', '/api/v1/secrets').send({ name: 'CANARY', value: canary }), 201],
      [
        'create with key',
        () =>
          call('post', '/api/v1/secrets').set('Idempotency-Key', 'k1').send({ name: 'IDEM', value: canary }),
        201,
      ],
      [
        'replay',
        () =>
          call('post', '/api/v1/secrets').set('Idempotency-Key', 'k1').send({ name: 'IDEM', value: canary }),
        201,
      ],
      [
        'key reused',
        () =>
          call('post', '/api/v1/secrets')
            .set('Idempotency-Key', 'k1')
            .send({ name: 'IDEM', value: `${canary}-2` }),
        409,
      ],
      ['duplicate', () => call('post', '/api/v1/secrets').send({ name: 'CANARY', value: canary }), 409],
      ['list', () => call('get', '/api/v1/secrets'), 200],
      ['replace', () => call('put', '/api/v1/secrets/CANARY').send({ value: canary }), 200],
      ['replace unknown', () => call('put', '/api/v1/secrets/MISSING').send({ value: canary }), 404],
      [
        'name too long',
        () => call('post', '/api/v1/secrets').send({ name: 'N'.repeat(65), value: canary }),
        400,
      ],
      ['bad name', () => call('post', '/api/v1/secrets').send({ name: `${canary} !`, value: canary }), 400],
      [
        'value too large',
        () => call('post', '/api/v1/secrets').send({ name: 'BIG', value: canary.repeat(300) }),
        400,
      ],
      [
        'body over the limit',
        () => call('post', '/api/v1/secrets').send({ name: 'HUGE', value: canary.repeat(2000) }),
        413,
      ],
      [
        'unknown field',
        // Field names and paths are not values: a problem names the unknown field, the request log the path.
        () => call('post', '/api/v1/secrets').send({ name: 'EXTRA', value: canary, shown: canary }),
        400,
      ],
      [
        'value not a string',
        () => call('post', '/api/v1/secrets').send({ name: 'NUM', value: [canary] }),
        400,
      ],
      [
        'malformed JSON',
        () =>
          call('post', '/api/v1/secrets')
            .set('Content-Type', 'application/json')
            .send(`{"name":"BROKEN","value":"${canary}",}`),
        400,
      ],
      ['not JSON', () => call('post', '/api/v1/secrets').set('Content-Type', 'text/plain').send(canary), 415],
      [
        'put bad body',
        () => call('put', '/api/v1/secrets/CANARY').send({ value: canary, name: canary }),
        400,
      ],
      ['put bad name', () => call('put', '/api/v1/secrets/bad%20name').send({ value: canary }), 400],
    ]
    for (const [where, send, status] of steps) {
      const res = await send()
      record(where, res)
      expect(res.status, `${where}: ${res.text}`).to.equal(status)
    }
  })

  it('uses it through the resolver (one audit event per use) and refuses to delete it while a tool refers to it', async () => {
    const tool = await call('post', '/api/v1/tools').send({ name: 'canary-tool', description: 'uses CANARY' })
    expect(tool.status).to.equal(201)
    const toolId = (tool.body as { id: string }).id
    await testStack().superSql`
      update tools set config = ${testStack().superSql.json({ headers: { Authorization: 'Bearer {{secrets.CANARY}}' } })}
       where id = ${toolId}`
    const executionId = randomUUID()
    const values = await inTenantTransaction(testStack().appSql, tenant.tenantId, async (tx) => {
      const scope = built.container.createScope()
      scope.register({
        tx: asValue(tx),
        tenantId: asValue(tenant.tenantId),
        requestId: asValue('req-canary'),
      })
      return scope.cradle.secretsResolver.resolve(['CANARY', 'CANARY'], { toolId, executionId })
    })
    expect(values.get('CANARY')).to.equal(canary)
    const missing = await inTenantTransaction(testStack().appSql, tenant.tenantId, async (tx) => {
      const scope = built.container.createScope()
      scope.register({
        tx: asValue(tx),
        tenantId: asValue(tenant.tenantId),
        requestId: asValue('req-canary'),
      })
      return scope.cradle.secretsResolver.resolve(['CANARY', 'NOT_THERE'], { toolId, executionId })
    }).catch((error: unknown) => error)
    expect(missing).to.be.instanceOf(DomainError)
    expect((missing as DomainError).code).to.equal('SECRETS_UNRESOLVED')
    expect(JSON.stringify(missing)).to.not.include(canary)
    emitted.push({
      where: 'resolver error',
      text: `${(missing as Error).message} ${(missing as Error).stack}`,
    })

    const events = await testStack().superSql<
      { actor: string; target: string; details: Record<string, unknown> }[]
    >`
      select actor, target, details from audit_events where tenant_id = ${tenant.tenantId} and action = 'secret.used'`
    expect(events).to.deep.equal([
      {
        actor: 'api',
        target: 'secret:CANARY',
        details: { secret: 'CANARY', tool_id: toolId, execution_id: executionId },
      },
    ])
    const listed = await call('get', '/api/v1/secrets')
    record('list after use', listed)
    expect(listed.body.items.find((s: { name: string }) => s.name === 'CANARY').last_used_at).to.be.a(
      'string',
    )

    const refused = await call('delete', '/api/v1/secrets/CANARY')
    record('delete refused', refused)
    expect(refused.status).to.equal(409)
    expect(refused.body.details.dependent_tools).to.deep.equal([{ id: toolId, name: 'canary-tool' }])
    await testStack().superSql`update tools set config = '{}' where id = ${toolId}`
    const deletedIdem = await call('delete', '/api/v1/secrets/IDEM')
    record('delete', deletedIdem)
    expect(deletedIdem.status).to.equal(204)
  })

  it('rotate-master re-encrypts under the new key, idempotently, with the CLI reporting counts only', async () => {
    const newKey = randomBytes(32)
    const forward = makeKeyring(newKey, testKey)
    const ciphertext = async () =>
      (
        await testStack().superSql<{ ciphertext: Buffer }[]>`
          select ciphertext from secrets where tenant_id = ${tenant.tenantId} and name = 'CANARY'`
      )[0]!.ciphertext
    try {
      const cli = await run(
        process.execPath,
        ['--import', 'tsx', 'app/cli/admin.ts', 'secrets', 'rotate-master'],
        {
          env: {
            PATH: process.env.PATH ?? '',
            DATABASE_URL: testStack().database.appUrl,
            DATABASE_ADMIN_URL: testStack().database.adminUrl,
            LOG_LEVEL: 'silent',
            SECRETS_MASTER_KEY: newKey.toString('base64'),
            SECRETS_MASTER_KEY_PREVIOUS: testSecretsMasterKey,
          },
        },
      )
      emitted.push({ where: 'cli', text: cli.stdout + cli.stderr })
      const report = JSON.parse(cli.stdout) as { key_id: string; reencrypted: number; failed: unknown[] }
      expect(report.key_id).to.equal(forward.currentKeyId)
      expect(report.reencrypted).to.be.at.least(1)
      expect(report.failed).to.deep.equal([])
      expect(forward.keyIdOf(await ciphertext())).to.equal(forward.currentKeyId)
      expect(forward.decrypt(tenant.tenantId, 'CANARY', await ciphertext())).to.equal(canary)
      const again = await rotateMasterKey(testStack().adminSql, forward)
      expect(again.reencrypted).to.equal(0)
      expect(again.current).to.be.at.least(1)
      const [audit] = await testStack().superSql<{ details: Record<string, unknown> }[]>`
        select details from audit_events where tenant_id = ${tenant.tenantId} and action = 'secrets.rotate_master'`
      expect(audit!.details).to.deep.equal({ reencrypted: 1, key_id: forward.currentKeyId })
    } finally {
      // Back under the tests' key, for every tenant of the shared database.
      const back = await rotateMasterKey(testStack().adminSql, makeKeyring(testKey, newKey))
      expect(back.failed).to.deep.equal([])
    }
    expect(makeKeyring(testKey).decrypt(tenant.tenantId, 'CANARY', await ciphertext())).to.equal(canary)
  })

  it('production refuses to start without a master key while a secret exists', async () => {
    const production = buildTestApp({
      config: testConfig({ NODE_ENV: 'production', SECRETS_MASTER_KEY: '', VALIDATE_RESPONSES: 'false' }),
    })
    // Through the kernel's runner, as app/server.ts calls it before listening.
    const failure = await runBootChecks(production.container.cradle).catch((error: unknown) => error)
    expect((failure as Error).message).to.include('SECRETS_MASTER_KEY is not set but tenant secrets exist')
    // And without a key, writes answer 503 SECRETS_KEY_UNAVAILABLE, naming no value.
    const res = await supertest(production.app)
      .post('/api/v1/secrets')
      .set('X-API-Key', tenant.apiKey)
      .send({ name: 'NO_KEY', value: canary })
    record('no key', res)
    expect(res.status).to.equal(503)
    expect(res.body.error_code).to.equal('SECRETS_KEY_UNAVAILABLE')
    // With the key, the same check passes.
    await secretsNeedAKey.run(built.container.cradle)
  })

  it('finds the canary in no response, log line, metric, audit event, idempotency record, ciphertext or CLI output', async () => {
    const metrics = await supertest(built.app).get('/metrics').set('Authorization', `Bearer ${metricsToken}`)
    expect(metrics.status).to.equal(200)
    emitted.push({ where: 'metrics', text: metrics.text })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(logs.length, 'the logger captured the requests').to.be.greaterThan(10)
    emitted.push({ where: 'logs', text: logs.join('') })
    const sql = testStack().superSql
    const audit = await sql`select * from audit_events where tenant_id = ${tenant.tenantId}`
    emitted.push({ where: 'audit_events', text: JSON.stringify(audit) })
    const idempotency = await sql`
      select key, response_headers, response_body, encode(request_hash, 'hex') as hash
        from idempotency_keys where tenant_id = ${tenant.tenantId}`
    expect(idempotency).to.have.length.greaterThan(0)
    emitted.push({ where: 'idempotency_keys', text: JSON.stringify(idempotency) })
    const stored = await sql<{ name: string; ciphertext: Buffer }[]>`
      select name, ciphertext from secrets where tenant_id = ${tenant.tenantId}`
    expect(stored.map((row) => row.name)).to.include('CANARY')
    emitted.push({
      where: 'secrets.ciphertext',
      text: stored
        .map((row) => `${row.ciphertext.toString('latin1')} ${row.ciphertext.toString('hex')}`)
        .join('\n'),
    })
    const leaks = emitted
      .filter(({ text }) => forms.some((form) => text.includes(form)))
      .map(({ where }) => where)
    expect(leaks, 'where the canary leaked').to.deep.equal([])
    // The capture is real: the canary's name and its tool did reach the log and the audit log.
    expect(emitted.find((e) => e.where === 'audit_events')!.text).to.include('secret:CANARY')
  })
})
