// Tools with a kind, an input schema and the kind's own fields (issue 15), through the API with the real
// kind registry and sandbox: what is stored, what is shown, and what is refused (with nothing changed).
import { expect } from 'chai'
import {
  asTenant,
  buildTestApp,
  createTestTenant,
  testConfig,
  type TestTenant,
} from '../../../test/helpers/api.js'
import { testStack } from '../../../test/harness/stack.js'
import { inTenantTransaction } from '../../../db/client.js'
import { builtins } from '../../tool-kinds/builtins/builtin.js'
import { loadSpec } from '../../../app/kernel/spec.js'

type Api = ReturnType<typeof asTenant>
type Body = Record<string, unknown>

const calculatorSchema = structuredClone(builtins.get('calculator')!.inputSchema)
const currentTimeSchema = structuredClone(builtins.get('current_time')!.inputSchema)
const textSchema = { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] }
const WORDS = 'export default ({ text }) => ({ words: text.split(/\\s+/).filter(Boolean).length })'

describe('tools with kinds', () => {
  let tenant: TestTenant
  let api: Api

  beforeEach(async () => {
    tenant = await createTestTenant('kinds')
    api = asTenant(tenant)
  })

  const create = async (body: Body) => {
    const res = await api.post('/api/v1/tools').send(body)
    expect(res.status, JSON.stringify(res.body)).to.equal(201)
    return res.body as Body & { id: string }
  }

  /** The tenant's tool rows as stored (superuser: past RLS), to show a refusal changed nothing. */
  const rows = () =>
    testStack().superSql<Body[]>`
      select id, name, description, kind, input_schema, config, updated_at
        from tools where tenant_id = ${tenant.tenantId} order by name`

  const expectProblem = (res: { status: number; body: Body }, status: number, code: string) => {
    expect(res.status, JSON.stringify(res.body)).to.equal(status)
    expect(res.body.error_code).to.equal(code)
  }

  describe('create, get and list', () => {
    it('makes a tool without a kind a client tool taking any object, with no field of another kind', async () => {
      const tool = await create({ name: 'lookup', description: 'Looks things up' })
      expect(tool).to.include({ kind: 'client' })
      expect(tool.input_schema).to.deep.equal({ type: 'object' })
      expect(tool).to.not.have.any.keys('builtin', 'code', 'timeout_ms', 'config')
      const [row] = await rows()
      expect(row).to.deep.include({ kind: 'client', input_schema: { type: 'object' }, config: {} })
    })

    it('keeps the input_schema a client tool gives', async () => {
      const tool = await create({
        name: 'lookup',
        description: 'd',
        kind: 'client',
        input_schema: textSchema,
      })
      expect(tool.input_schema).to.deep.equal(textSchema)
      expect((await api.get(`/api/v1/tools/${tool.id}`).expect(200)).body).to.deep.equal(tool)
    })

    it("creates a builtin tool with the builtin's own input schema when it names none", async () => {
      const calc = await create({ name: 'calc', description: 'd', kind: 'builtin', builtin: 'calculator' })
      expect(calc).to.include({ kind: 'builtin', builtin: 'calculator' })
      expect(calc.input_schema).to.deep.equal(calculatorSchema)
      expect(calc).to.not.have.any.keys('code', 'timeout_ms')
      const clock = await create({
        name: 'clock',
        description: 'd',
        kind: 'builtin',
        builtin: 'current_time',
      })
      expect(clock.input_schema).to.deep.equal(currentTimeSchema)
      const stored = await rows()
      expect(stored.map((r) => r.config)).to.deep.equal([
        { builtin: 'calculator' },
        { builtin: 'current_time' },
      ])
    })

    it('creates a javascript tool whose code compiles, with timeout_ms 500 by default', async () => {
      const tool = await create({
        name: 'words',
        description: 'Counts words',
        kind: 'javascript',
        code: WORDS,
        input_schema: textSchema,
      })
      expect(tool).to.include({ kind: 'javascript', code: WORDS, timeout_ms: 500 })
      expect(tool.input_schema).to.deep.equal(textSchema)
      expect(tool).to.not.have.any.keys('builtin')
      const [row] = await rows()
      expect(row!.config).to.deep.equal({ code: WORDS, timeout_ms: 500 })
    })

    it('lists every kind with its own fields and no other', async () => {
      await create({ name: 'a-client', description: 'd' })
      await create({ name: 'b-builtin', description: 'd', kind: 'builtin', builtin: 'current_time' })
      await create({
        name: 'c-js',
        description: 'd',
        kind: 'javascript',
        code: 'export default () => 1',
        timeout_ms: 50,
      })
      const res = await api.get('/api/v1/tools').expect(200)
      const byName = Object.fromEntries(
        (res.body.items as Body[]).map(
          ({ id: _id, created_at: _c, updated_at: _u, description: _d, ...t }) => [t.name, t],
        ),
      )
      expect(byName).to.deep.equal({
        'a-client': { name: 'a-client', kind: 'client', input_schema: { type: 'object' } },
        'b-builtin': {
          name: 'b-builtin',
          kind: 'builtin',
          input_schema: currentTimeSchema,
          builtin: 'current_time',
        },
        'c-js': {
          name: 'c-js',
          kind: 'javascript',
          input_schema: { type: 'object' },
          code: 'export default () => 1',
          timeout_ms: 50,
        },
      })
    })

    it('lists exactly the builtins the registry has in the spec (BuiltinName)', () => {
      const spec = loadSpec()
      const names = (spec.components.schemas!.BuiltinName as { enum: string[] }).enum
      expect(names).to.have.members([...builtins.keys()])
    })
  })

  describe('refusals on create (problem+json, nothing stored)', () => {
    const refused = async (body: Body, status: number, code: string) => {
      const res = await api.post('/api/v1/tools').send({ name: 'refused', description: 'd', ...body })
      expectProblem(res, status, code)
      expect(res.headers['content-type']).to.match(/^application\/problem\+json/)
      expect(await rows(), 'tools stored').to.deep.equal([])
      return res.body as Body & { details: Body }
    }

    it('refuses an input_schema that is not a JSON Schema, with the pointer of the problem', async () => {
      const problem = await refused({ input_schema: { type: 'objekt' } }, 422, 'INVALID_INPUT_SCHEMA')
      const pointers = (problem.details.errors as { pointer: string }[]).map((e) => e.pointer)
      expect(pointers).to.include('/input_schema/type')
    })

    it('refuses an input_schema that does not describe an object', async () => {
      const problem = await refused({ input_schema: { type: 'string' } }, 422, 'INVALID_INPUT_SCHEMA')
      expect(problem.details.errors).to.deep.include({
        pointer: '/input_schema/type',
        message: 'must be "object": a tool takes an object of arguments',
      })
    })

    it('refuses a pattern in an input_schema (a tenant regex would run on the shared event loop)', async () => {
      const schema = { type: 'object', properties: { a: { type: 'string', pattern: '^(a+)+$' } } }
      const problem = await refused({ input_schema: schema }, 422, 'INVALID_INPUT_SCHEMA')
      const pointers = (problem.details.errors as { pointer: string }[]).map((e) => e.pointer)
      expect(pointers).to.include('/input_schema/properties/a/pattern')
    })

    it('refuses an input_schema that is not an object at all by the contract', async () => {
      await refused({ input_schema: [{ type: 'object' }] }, 400, 'VALIDATION_ERROR')
    })

    it('refuses an unknown builtin by the contract, and a builtin tool without one by the registry', async () => {
      await refused({ kind: 'builtin', builtin: 'shell' }, 400, 'VALIDATION_ERROR')
      const problem = await refused({ kind: 'builtin' }, 422, 'INVALID_TOOL_CONFIG')
      expect(problem.details.errors).to.deep.equal([
        { pointer: '/builtin', message: 'is required with kind builtin (one of: calculator, current_time)' },
      ])
    })

    it('refuses a kind no plugin provides', async () => {
      const problem = await refused({ kind: 'smtp' }, 422, 'INVALID_TOOL_CONFIG')
      // The kinds installed here: the tool-kinds plugin's own and those other plugins contribute (http, mcp).
      const installed = buildTestApp().container.cradle.toolKindsRegistry.list()
      expect(installed).to.include.members(['builtin', 'client', 'javascript', 'http'])
      expect(problem.details.errors).to.deep.equal([
        { pointer: '/kind', message: `must be one of: ${installed.join(', ')}` },
      ])
    })

    it('refuses a field of another kind instead of dropping it', async () => {
      const onBuiltin = await refused(
        { kind: 'builtin', builtin: 'calculator', code: 'export default () => 1' },
        422,
        'INVALID_TOOL_CONFIG',
      )
      expect(onBuiltin.details.errors).to.deep.equal([
        { pointer: '/code', message: 'belongs to kind javascript, not builtin' },
      ])
      const onClient = await refused({ timeout_ms: 100, builtin: 'calculator' }, 422, 'INVALID_TOOL_CONFIG')
      expect((onClient.details.errors as { pointer: string }[]).map((e) => e.pointer)).to.have.members([
        '/timeout_ms',
        '/builtin',
      ])
    })

    it('refuses a field no kind has by the contract', async () => {
      await refused(
        { kind: 'javascript', code: 'export default () => 1', url: 'http://x' },
        400,
        'VALIDATION_ERROR',
      )
    })

    it('refuses a javascript tool without code, or with a timeout out of 1..5000', async () => {
      const problem = await refused({ kind: 'javascript' }, 422, 'INVALID_TOOL_CONFIG')
      expect((problem.details.errors as { pointer: string }[]).map((e) => e.pointer)).to.deep.equal(['/code'])
      await refused(
        { kind: 'javascript', code: 'export default () => 1', timeout_ms: 5001 },
        400,
        'VALIDATION_ERROR',
      )
      await refused(
        { kind: 'javascript', code: 'export default () => 1', timeout_ms: 0 },
        400,
        'VALIDATION_ERROR',
      )
    })

    it('refuses code that does not compile with its line and column', async () => {
      const code = 'export default (input) => {\n  const x = ;\n  return x\n}'
      const problem = await refused({ kind: 'javascript', code }, 422, 'CODE_DOES_NOT_COMPILE')
      expect(problem.details).to.include({ line: 2, column: 13 })
      expect(problem.details.message).to.be.a('string').and.not.equal('')
      expect(problem.detail).to.match(/^line 2, column 13: /)
    })

    it('refuses a module whose default export is not a function', async () => {
      const problem = await refused(
        { kind: 'javascript', code: 'export default 42' },
        422,
        'INVALID_TOOL_CONFIG',
      )
      expect((problem.details.errors as { pointer: string }[]).map((e) => e.pointer)).to.deep.equal(['/code'])
    })

    it('refuses code over 64 KiB: 413 within the default body limit, 422 once the body may hold it', async () => {
      const big = `export default () => 1\n//${'x'.repeat(64 * 1024)}`
      await refused({ kind: 'javascript', code: big }, 413, 'PAYLOAD_TOO_LARGE')
      // 40 000 two-byte characters: within the contract's 65 536 characters, over 64 KiB of UTF-8.
      const wide = `export default () => 1\n//${'é'.repeat(40_000)}`
      const roomy = asTenant(tenant, buildTestApp({ config: testConfig({ BODY_LIMIT_BYTES: '262144' }) }))
      const res = await roomy
        .post('/api/v1/tools')
        .send({ name: 'refused', description: 'd', kind: 'javascript', code: wide })
      expectProblem(res, 422, 'INVALID_TOOL_CONFIG')
      expect(res.body.details.errors).to.deep.equal([
        { pointer: '/code', message: 'must be at most 65536 bytes' },
      ])
      expect(await rows()).to.deep.equal([])
    })
  })

  describe('changes', () => {
    const jsTool = () =>
      create({
        name: 'words',
        description: 'Counts words',
        kind: 'javascript',
        code: WORDS,
        input_schema: textSchema,
      })

    it('PATCH changes a javascript tool field and keeps the others', async () => {
      const tool = await jsTool()
      const res = await api.patch(`/api/v1/tools/${tool.id}`).send({ timeout_ms: 1500 }).expect(200)
      expect(res.body).to.include({ kind: 'javascript', code: WORDS, timeout_ms: 1500 })
      expect(res.body.input_schema).to.deep.equal(textSchema)
      const code = 'export default ({ text }) => ({ length: text.length })'
      const again = await api.patch(`/api/v1/tools/${tool.id}`).send({ code }).expect(200)
      expect(again.body).to.include({ code, timeout_ms: 1500 })
      const renamed = await api.patch(`/api/v1/tools/${tool.id}`).send({ name: 'chars' }).expect(200)
      expect(renamed.body).to.include({ name: 'chars', code, timeout_ms: 1500 })
    })

    it('PATCHes of different fields at once all land: none is lost to another derived from an older tool', async () => {
      const tool = await jsTool()
      const code = 'export default ({ text }) => ({ length: text.length })'
      const schema = { type: 'object', properties: { text: { type: 'string', maxLength: 10 } } }
      const answers = await Promise.all([
        api.patch(`/api/v1/tools/${tool.id}`).send({ timeout_ms: 1234 }),
        api.patch(`/api/v1/tools/${tool.id}`).send({ code }),
        api.patch(`/api/v1/tools/${tool.id}`).send({ input_schema: schema }),
      ])
      expect(answers.map((a) => a.status)).to.deep.equal([200, 200, 200])
      const stored = await api.get(`/api/v1/tools/${tool.id}`).expect(200)
      expect(stored.body).to.include({ timeout_ms: 1234, code })
      expect(stored.body.input_schema).to.deep.equal(schema)
    })

    it('PATCH to another builtin moves a default input_schema along, and keeps one the tool was given', async () => {
      const plain = await create({ name: 'plain', description: 'd', kind: 'builtin', builtin: 'calculator' })
      const moved = await api.patch(`/api/v1/tools/${plain.id}`).send({ builtin: 'current_time' }).expect(200)
      expect(moved.body.input_schema).to.deep.equal(currentTimeSchema)
      const own = { type: 'object', properties: { expression: { type: 'string' } } }
      const custom = await create({
        name: 'custom',
        description: 'd',
        kind: 'builtin',
        builtin: 'calculator',
        input_schema: own,
      })
      const kept = await api.patch(`/api/v1/tools/${custom.id}`).send({ builtin: 'current_time' }).expect(200)
      expect(kept.body).to.include({ builtin: 'current_time' })
      expect(kept.body.input_schema).to.deep.equal(own)
    })

    it('PUT replaces a tool of the same kind, defaults included', async () => {
      const tool = await create({
        name: 'words',
        description: 'd',
        kind: 'javascript',
        code: WORDS,
        timeout_ms: 2000,
        input_schema: textSchema,
      })
      const code = 'export default () => ({ ok: true })'
      const res = await api
        .put(`/api/v1/tools/${tool.id}`)
        .send({ name: 'ok', description: 'Says ok', kind: 'javascript', code })
        .expect(200)
      expect(res.body).to.include({ name: 'ok', description: 'Says ok', code, timeout_ms: 500 })
      expect(res.body.input_schema).to.deep.equal({ type: 'object' })
    })

    it('refuses a kind change by PUT (an absent kind is client) and by PATCH, changing nothing', async () => {
      const calc = await create({ name: 'calc', description: 'd', kind: 'builtin', builtin: 'calculator' })
      const before = await rows()
      const put = await api.put(`/api/v1/tools/${calc.id}`).send({ name: 'calc', description: 'other' })
      expectProblem(put, 422, 'TOOL_KIND_IMMUTABLE')
      expect(put.body.details).to.deep.equal({ kind: 'builtin', requested_kind: 'client' })
      const patch = await api
        .patch(`/api/v1/tools/${calc.id}`)
        .send({ kind: 'javascript', code: 'export default () => 1', description: 'other' })
      expectProblem(patch, 422, 'TOOL_KIND_IMMUTABLE')
      expect(patch.body.details).to.deep.equal({ kind: 'builtin', requested_kind: 'javascript' })
      expect(await rows()).to.deep.equal(before)
      // Naming the tool's own kind is no change.
      await api
        .patch(`/api/v1/tools/${calc.id}`)
        .send({ kind: 'builtin', description: 'same kind' })
        .expect(200)
    })

    it('refuses a change that breaks the definition, changing nothing', async () => {
      const tool = await jsTool()
      const before = await rows()
      const broken = await api
        .patch(`/api/v1/tools/${tool.id}`)
        .send({ code: 'export default (', name: 'renamed' })
      expectProblem(broken, 422, 'CODE_DOES_NOT_COMPILE')
      expect(broken.body.details).to.include.keys('line', 'column', 'message')
      const foreign = await api.patch(`/api/v1/tools/${tool.id}`).send({ builtin: 'calculator' })
      expectProblem(foreign, 422, 'INVALID_TOOL_CONFIG')
      const schema = await api.put(`/api/v1/tools/${tool.id}`).send({
        name: 'w',
        description: 'd',
        kind: 'javascript',
        code: WORDS,
        input_schema: { type: 'array' },
      })
      expectProblem(schema, 422, 'INVALID_INPUT_SCHEMA')
      expect(await rows()).to.deep.equal(before)
    })

    it("answers 404 for another tenant's tool on PUT and PATCH, and leaves it alone", async () => {
      const tool = await jsTool()
      const before = await rows()
      const other = asTenant(await createTestTenant('kinds-other'))
      const put = await other
        .put(`/api/v1/tools/${tool.id}`)
        .send({ name: 'mine', description: 'd', kind: 'javascript', code: WORDS })
      expectProblem(put, 404, 'TOOL_NOT_FOUND')
      expectProblem(
        await other.patch(`/api/v1/tools/${tool.id}`).send({ timeout_ms: 9 }),
        404,
        'TOOL_NOT_FOUND',
      )
      expect(await rows()).to.deep.equal(before)
    })

    it('refuses, in the database too, to change the kind of a stored tool', async () => {
      const tool = await create({ name: 'calc', description: 'd', kind: 'builtin', builtin: 'calculator' })
      let refusal: unknown
      await inTenantTransaction(
        testStack().appSql,
        tenant.tenantId,
        (tx) => tx`update tools set kind = 'client' where id = ${tool.id}`,
      ).catch((error: unknown) => (refusal = error))
      expect(String(refusal)).to.match(/permission denied/)
      expect((await rows())[0]).to.deep.include({ kind: 'builtin' })
    })
  })
})
