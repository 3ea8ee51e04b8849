// Request logs: one JSON line per request, written through the app's logger, with the request
// id, the tenant, the route template, the status and the duration, and never a key, a token or a prompt.
import { randomUUID } from 'node:crypto'
import { expect } from 'chai'
import supertest from 'supertest'
import type { BuiltApp } from '../../app/kernel/create-app.js'
import { createLogger } from '../../app/logger.js'
import { asTenant, buildTestApp, createTestTenant, type TestTenant } from '../helpers/api.js'

interface LogLine {
  level: number
  msg: string
  requestId?: string
  tenantId?: string
  route?: string
  method?: string
  path?: string
  status?: number
  errorCode?: string
  responseTime?: number
  [key: string]: unknown
}

/** A logger at `level` whose JSON lines are kept in memory. */
function memoryLogger(level: string) {
  const chunks: string[] = []
  const logger = createLogger({ logLevel: level }, { write: (chunk: string) => void chunks.push(chunk) })
  const text = () => chunks.join('')
  const lines = () =>
    text()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as LogLine)
  return { logger, text, lines }
}

type Memory = ReturnType<typeof memoryLogger>

/** The request lines of one request id; waits briefly, since the line is written when the response finishes. */
async function requestLines(memory: Memory, requestId: string): Promise<LogLine[]> {
  const find = () => memory.lines().filter((l) => l.msg === 'request completed' && l.requestId === requestId)
  for (let i = 0; i < 50 && find().length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10))
  await new Promise((resolve) => setTimeout(resolve, 20))
  return find()
}

describe('request logging', () => {
  let memory: Memory
  let built: BuiltApp
  let tenant: TestTenant
  let api: ReturnType<typeof asTenant>

  before(async () => {
    memory = memoryLogger('info')
    built = buildTestApp({ logger: memory.logger })
    tenant = await createTestTenant('logging')
    api = asTenant(tenant, built)
  })

  it('writes one JSON line per request: request id, tenant, route template, method, status, duration', async () => {
    const tool = await api.post('/api/v1/tools').send({ name: 'probe', description: 'Probes' }).expect(201)
    const res = await api.get(`/api/v1/tools/${tool.body.id}`).expect(200)
    const requestId = res.headers['x-request-id'] as string
    const lines = await requestLines(memory, requestId)
    expect(lines).to.have.length(1)
    const [line] = lines
    expect(line).to.include({
      level: 30,
      service: 'mini-agent-platform',
      requestId,
      tenantId: tenant.tenantId,
      route: '/api/v1/tools/{id}',
      method: 'GET',
      path: `/api/v1/tools/${tool.body.id}`,
      status: 200,
    })
    expect(line!.responseTime).to.be.a('number').and.to.be.at.least(0)
    // Only what the request logger builds: no request or response object with their headers.
    expect(line).not.to.have.any.keys('req', 'res', 'headers', 'body', 'query')
  })

  it('keeps an incoming X-Request-Id, and logs requests refused before authentication without a tenant', async () => {
    const requestId = `trace-${randomUUID()}`
    const wrongKey = `map_wrong-${randomUUID()}`
    await supertest(built.app)
      .get('/api/v1/tools')
      .set('X-API-Key', wrongKey)
      .set('Authorization', 'Bearer secret-bearer-token')
      .set('X-Request-Id', requestId)
      .expect(401)
    const lines = await requestLines(memory, requestId)
    expect(lines).to.have.length(1)
    expect(lines[0]).to.include({
      route: '/api/v1/tools',
      method: 'GET',
      status: 401,
      errorCode: 'INVALID_API_KEY',
      level: 30,
    })
    expect(lines[0]).not.to.have.property('tenantId')
    expect(memory.text()).not.to.include(wrongKey)
    expect(memory.text()).not.to.include('secret-bearer-token')
  })

  it('labels a path outside the spec "unmatched"', async () => {
    const res = await supertest(built.app).get(`/nowhere/${randomUUID()}`).expect(404)
    const [line] = await requestLines(memory, res.headers['x-request-id'] as string)
    expect(line).to.include({ route: 'unmatched', status: 404, errorCode: 'NOT_FOUND' })
  })

  it('never writes the API key or a prompt, even for a run', async () => {
    const prompt = `secret prompt ${randomUUID()}`
    const agent = await api
      .post('/api/v1/agents')
      .send({ name: 'scribe', role: 'Writer', description: 'Writes' })
      .expect(201)
    const res = await api
      .post(`/api/v1/agents/${agent.body.id}/run`)
      .send({ prompt, model: 'gpt-4o' })
      .expect(200)
    const [line] = await requestLines(memory, res.headers['x-request-id'] as string)
    expect(line).to.include({ route: '/api/v1/agents/{id}/run', method: 'POST', status: 200 })
    expect(memory.text()).to.include(tenant.tenantId)
    expect(memory.text()).not.to.include(tenant.apiKey)
    expect(memory.text()).not.to.include(prompt)
    expect(memory.text()).not.to.include('secret prompt')
  })

  it('redacts apiKey, token and password fields whatever else is logged', () => {
    const own = memoryLogger('info')
    own.logger.info(
      { apiKey: 'k-1', token: 't-1', password: 'p-1', tenant: { apiKey: 'k-2', token: 't-2' } },
      'x',
    )
    const [line] = own.lines()
    expect(line).to.deep.include({ apiKey: '[redacted]', token: '[redacted]', password: '[redacted]' })
    expect(line!.tenant).to.deep.equal({ apiKey: '[redacted]', token: '[redacted]' })
    for (const secret of ['k-1', 'k-2', 't-1', 't-2', 'p-1']) expect(own.text()).not.to.include(secret)
  })

  it('writes nothing at LOG_LEVEL silent (the tests)', async () => {
    const silent = memoryLogger('silent')
    const quiet = buildTestApp({ logger: silent.logger })
    await asTenant(tenant, quiet).get('/api/v1/tools').expect(200)
    await supertest(quiet.app).get('/no-such-path').expect(404)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(silent.text()).to.equal('')
  })
})
