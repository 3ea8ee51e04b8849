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
import { startUpstream } from '../../http-tools/test/local-server.js'
import { collectText } from '../../runs/test/sse.js'
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

  it('sends it through http tools (tool tests, plain and streamed runs, an upstream error), auditing each use', async () => {
    const upstream = await startUpstream()
    let toolIds: string[]
    let runId: string
    try {
      // A careless upstream: /echo-headers echoes the request's headers and URL, /echo-fail puts them in a 503.
      const httpTool = async (name: string, path: string) => {
        const res = await call('post', '/api/v1/tools').send({
          name,
          description: 'uses CANARY',
          kind: 'http',
          http: {
            url: `${upstream.base}${path}`,
            headers: { Authorization: 'Bearer {{secrets.CANARY}}' },
            query: { key: '{{secrets.CANARY}}' },
          },
        })
        record(`create ${name}`, res)
        expect(res.status, res.text).to.equal(201)
        return (res.body as { id: string }).id
      }
      toolIds = [await httpTool('canary-tool', '/echo-headers'), await httpTool('canary-fail', '/echo-fail')]
      for (const id of toolIds) {
        const tested = await call('post', `/api/v1/tools/${id}/test`).send({ input: {} })
        record('tool test', tested)
        expect(tested.status).to.equal(200)
      }
      const agent = await call('post', '/api/v1/agents').send({
        name: 'canary-agent',
        role: 'Operator',
        description: 'Uses its tools',
        tool_ids: toolIds,
      })
      expect(agent.status).to.equal(201)
      const prompt = 'use canary-tool with {} then use canary-fail with {}'
      const ran = await call('post', `/api/v1/agents/${agent.body.id as string}/run`).send({
        model: 'gpt-4o',
        prompt,
      })
      record('run', ran)
      expect(ran.body.status).to.equal('completed')
      runId = ran.body.id as string
      const streamed = await call('post', `/api/v1/agents/${agent.body.id as string}/run`)
        .send({ model: 'gpt-4o', prompt, stream: true })
        .buffer(true)
        .parse(collectText)
      emitted.push({ where: 'streamed run', text: streamed.body as string })
      expect(streamed.body as string).to.include('execution.completed')
      for (const url of [
        `/api/v1/executions/${runId}`,
        `/api/v1/executions/${runId}/steps?limit=100`,
        '/api/v1/history',
      ]) {
        const read = await call('get', url)
        record(url, read)
        expect(read.status).to.equal(200)
      }
      // The scan means something: the value did go out, in every call's header.
      const sent = upstream.requests.filter((r) => r.headers.authorization === `Bearer ${canary}`)
      expect(sent).to.have.length(6)
    } finally {
      await upstream.close()
    }

    const events = await testStack().superSql<{ target: string; details: Record<string, unknown> }[]>`
      select target, details from audit_events where tenant_id = ${tenant.tenantId} and action = 'secret.used' order by seq`
    expect(events).to.have.length(6)
    expect(events.every((e) => e.target === 'secret:CANARY' && e.details.secret === 'CANARY')).to.equal(true)
    expect(
      events.filter((e) => e.details.execution_id === runId).map((e) => e.details.tool_id),
    ).to.deep.equal(toolIds)
    const listed = await call('get', '/api/v1/secrets')
    record('list after use', listed)
    expect(listed.body.items.find((s: { name: string }) => s.name === 'CANARY').last_used_at).to.be.a(
      'string',
    )
  })

  it('refuses through the resolver a name the tenant lacks, and refuses to delete a secret a tool refers to', async () => {
    const missing = await inTenantTransaction(testStack().appSql, tenant.tenantId, async (tx) => {
      const scope = built.container.createScope()
      scope.register({
        tx: asValue(tx),
        tenantId: asValue(tenant.tenantId),
        requestId: asValue('req-canary'),
      })
      return scope.cradle.secretsResolver.resolve(['CANARY', 'NOT_THERE'], {
        toolId: null,
        executionId: null,
      })
    }).catch((error: unknown) => error)
    expect(missing).to.be.instanceOf(DomainError)
    expect((missing as DomainError).code).to.equal('SECRETS_UNRESOLVED')
    emitted.push({
      where: 'resolver error',
      text: `${(missing as Error).message} ${(missing as Error).stack}`,
    })

    const refused = await call('delete', '/api/v1/secrets/CANARY')
    record('delete refused', refused)
    expect(refused.status).to.equal(409)
    expect(refused.body.details.dependent_tools.map((t: { name: string }) => t.name).sort()).to.deep.equal([
      'canary-fail',
      'canary-tool',
    ])
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
      // (The CLI re-encrypted the webhooks' signing secrets too: they come back as well.)
      const { plugins } = await import('../../index.js')
      const columns = plugins.flatMap((plugin) => plugin.contributes?.encryptedSecrets ?? [])
      const back = await rotateMasterKey(testStack().adminSql, makeKeyring(testKey, newKey), columns)
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
    const runs = await sql`select * from execution_logs where tenant_id = ${tenant.tenantId}`
    const steps = await sql`select * from execution_steps where tenant_id = ${tenant.tenantId}`
    expect(steps.length, 'the runs recorded their steps').to.be.greaterThan(4)
    emitted.push(
      { where: 'execution_logs', text: JSON.stringify(runs) },
      { where: 'execution_steps', text: JSON.stringify(steps) },
    )
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
