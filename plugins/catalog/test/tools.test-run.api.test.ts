// POST /api/v1/tools/{id}/test with the real registry and the real QuickJS sandbox: outputs, tool errors,
// refused inputs, client tools, other tenants, the run quota, and a spinning tool that does not stop the
// API from serving other requests.
import { expect } from 'chai'
import {
  asTenant,
  buildTestApp,
  createTestTenant,
  testConfig,
  type TestTenant,
} from '../../../test/helpers/api.js'

type Api = ReturnType<typeof asTenant>
type Body = Record<string, unknown>

const SPIN = 'export default () => { while (true) {} }'

describe('POST /api/v1/tools/{id}/test', () => {
  let tenant: TestTenant
  let api: Api

  beforeEach(async () => {
    tenant = await createTestTenant('tool-test')
    api = asTenant(tenant)
  })

  const create = async (body: Body, as: Api = api): Promise<string> => {
    const res = await as.post('/api/v1/tools').send({ description: 'd', ...body })
    expect(res.status, JSON.stringify(res.body)).to.equal(201)
    return res.body.id as string
  }
  const test = (id: string, input: unknown, as: Api = api) =>
    as.post(`/api/v1/tools/${id}/test`).send({ input })

  it('runs the calculator and answers its output with the latency', async () => {
    const id = await create({ name: 'calc', kind: 'builtin', builtin: 'calculator' })
    const res = await test(id, { expression: '2 * (3 + 4) ^ 2' }).expect(200)
    expect(res.body).to.have.keys('output', 'latency_ms')
    expect(res.body.output).to.deep.equal({ result: 98 })
    expect(res.body.latency_ms).to.be.a('number').at.least(0)
  })

  it('answers a calculator error as a tool error, not a failed request', async () => {
    const id = await create({ name: 'calc', kind: 'builtin', builtin: 'calculator' })
    const res = await test(id, { expression: '1 / 0' }).expect(200)
    expect(res.body).to.have.keys('error', 'latency_ms')
    expect(res.body.error.code).to.equal('MATH_ERROR')
  })

  it('runs current_time in the zone asked for', async () => {
    const id = await create({ name: 'clock', kind: 'builtin', builtin: 'current_time' })
    const res = await test(id, { timezone: 'Asia/Tokyo' }).expect(200)
    expect(res.body.output).to.include({ timezone: 'Asia/Tokyo', utc_offset: '+09:00' })
    expect(res.body.output.iso).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+09:00$/)
    expect(res.body.output.unix_ms).to.be.a('number')
    const utc = await test(id, undefined).expect(200)
    expect(utc.body.output).to.include({ timezone: 'UTC', utc_offset: '+00:00' })
  })

  it('runs a javascript tool in the sandbox on the input', async () => {
    const id = await create({
      name: 'words',
      kind: 'javascript',
      code: 'export default async ({ text }) => ({ words: text.split(/\\s+/).filter(Boolean), n: 1 + 1 })',
      input_schema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
    })
    const res = await test(id, { text: ' tools  that act ' }).expect(200)
    expect(res.body.output).to.deep.equal({ words: ['tools', 'that', 'act'], n: 2 })
  })

  it('answers a javascript tool that throws, or runs out its time, as a tool error', async () => {
    const throws = await create({
      name: 'throws',
      kind: 'javascript',
      code: "export default () => { throw new RangeError('no such thing') }",
    })
    const thrown = await test(throws, {}).expect(200)
    expect(thrown.body.error).to.deep.equal({ code: 'THREW', message: 'RangeError: no such thing' })
    const spins = await create({ name: 'spins', kind: 'javascript', code: SPIN, timeout_ms: 100 })
    const spun = await test(spins, {}).expect(200)
    expect(spun.body.error).to.deep.equal({ code: 'TIMEOUT', message: 'the tool ran longer than its 100 ms' })
    expect(spun.body.latency_ms).to.be.at.least(100)
  })

  it('refuses an input its schema refuses with 422 and a JSON pointer per problem, running nothing', async () => {
    const id = await create({
      name: 'typed',
      kind: 'javascript',
      code: 'export default () => { throw new Error("must not run") }',
      input_schema: {
        type: 'object',
        properties: { text: { type: 'string' }, n: { type: 'integer', minimum: 1 } },
        required: ['text'],
        additionalProperties: false,
      },
    })
    const res = await test(id, { n: 0, extra: true })
    expect(res.status).to.equal(422)
    expect(res.headers['content-type']).to.match(/^application\/problem\+json/)
    expect(res.body.error_code).to.equal('INVALID_TOOL_INPUT')
    const pointers = (res.body.details.errors as { pointer: string }[]).map((e) => e.pointer)
    expect(pointers).to.have.members(['/text', '/n', '/extra'])
    const calc = await create({ name: 'calc', kind: 'builtin', builtin: 'calculator' })
    const wrongType = await test(calc, { expression: 5 })
    expect(wrongType.status).to.equal(422)
    expect(wrongType.body.details.errors).to.deep.equal([
      { pointer: '/expression', message: 'must be string' },
    ])
  })

  it('refuses an input that is not an object by the contract', async () => {
    const id = await create({ name: 'calc', kind: 'builtin', builtin: 'calculator' })
    const res = await test(id, ['1 + 1'])
    expect(res.status).to.equal(400)
    expect(res.body.error_code).to.equal('VALIDATION_ERROR')
  })

  it('answers 409 TOOL_NOT_EXECUTABLE for a client tool', async () => {
    const id = await create({ name: 'client-side' })
    const res = await test(id, {})
    expect(res.status).to.equal(409)
    expect(res.body.error_code).to.equal('TOOL_NOT_EXECUTABLE')
  })

  it("answers 404 TOOL_NOT_FOUND for another tenant's tool, and for an unknown id", async () => {
    const id = await create({ name: 'calc', kind: 'builtin', builtin: 'calculator' })
    const other = asTenant(await createTestTenant('tool-test-b'))
    const res = await test(id, { expression: '1 + 1' }, other)
    expect(res.status).to.equal(404)
    expect(res.body.error_code).to.equal('TOOL_NOT_FOUND')
    expect(res.body).to.not.have.property('output')
    const missing = await test('00000000-0000-4000-8000-000000000000', {})
    expect(missing.status).to.equal(404)
    expect(missing.body.error_code).to.equal('TOOL_NOT_FOUND')
  })

  it("counts each test against the tenant's run quota", async () => {
    const limited = buildTestApp({
      config: testConfig({ RATE_LIMIT_REQUESTS: '100', RUN_RATE_LIMIT_REQUESTS: '2' }),
    })
    const as = asTenant(tenant, limited)
    const id = await create({ name: 'calc', kind: 'builtin', builtin: 'calculator' }, as)
    const answers = []
    for (let i = 0; i < 3; i++) answers.push(await test(id, { expression: '1 + 1' }, as))
    expect(answers.map((a) => a.status)).to.deep.equal([200, 200, 429])
    expect(answers[2]!.body).to.deep.include({ error_code: 'RATE_LIMIT_EXCEEDED' })
    expect(answers[2]!.body.details).to.deep.include({ quota: 'runs', limit: 2 })
    await as.get('/api/v1/tools').expect(200)
  })

  it('answers a tool spinning forever with TIMEOUT at its limit, while other requests are served meanwhile', async () => {
    const spins = await create({ name: 'spins', kind: 'javascript', code: SPIN, timeout_ms: 1500 })
    const calc = await create({ name: 'calc', kind: 'builtin', builtin: 'calculator' })
    const finished: string[] = []
    const spinning = Promise.all([test(spins, {}), test(spins, {})]).then((answers) => {
      finished.push('spinning tools')
      return answers
    })
    // Both sandbox workers are busy spinning: reads, writes and builtin tools go on.
    const list = await api.get('/api/v1/tools').expect(200)
    expect(list.body.total).to.equal(2)
    await create({ name: 'made-meanwhile' })
    const sum = await test(calc, { expression: '40 + 2' }).expect(200)
    expect(sum.body.output).to.deep.equal({ result: 42 })
    finished.push('other requests')
    const answers = await spinning
    expect(finished).to.deep.equal(['other requests', 'spinning tools'])
    for (const answer of answers) {
      expect(answer.status).to.equal(200)
      expect(answer.body.error).to.deep.equal({
        code: 'TIMEOUT',
        message: 'the tool ran longer than its 1500 ms',
      })
      expect(answer.body.latency_ms).to.be.at.least(1500)
    }
  })
})
