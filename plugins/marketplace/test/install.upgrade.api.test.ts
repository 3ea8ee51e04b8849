// POST /api/v1/agents/{id}/upgrade through the API: a dry run shows the plan and changes nothing; an
// upgrade applies what the new version changes (agent fields, tool fields, tools added and removed) in one
// transaction and moves the agent's `source` on; local edits the new version also changes are conflicts,
// kept: 409 with nothing changed, or with keep_local_edits the rest applied; and the errors around it.
import { expect } from 'chai'
import { randomUUID } from 'node:crypto'
import { asTenant, createTestTenant, type TestTenant } from '../../../test/helpers/api.js'
import { testStack } from '../../../test/harness/stack.js'
import { packageSha256, type PackagedTool } from '../marketplace.package.js'
import {
  agentPackage,
  calculatorTool,
  counters,
  lookupTool,
  publishListing,
  sumTool,
  yankVersion,
} from './install.fixtures.js'

type Api = ReturnType<typeof asTenant>
type Json = Record<string, unknown>
interface Entry {
  tool?: string
  field?: string
  change: string
  reason?: string
  installed?: unknown
  target?: unknown
  current?: unknown
}

const oldTool: PackagedTool = {
  name: 'old-notes',
  description: 'Client-side notes',
  kind: 'client',
  input_schema: { type: 'object' },
}
const agent = { name: 'order-desk', role: 'Order support', description: 'Answers questions about orders' }
const v1 = agentPackage(agent, [lookupTool, sumTool, oldTool])
const newSchema = { type: 'object', properties: { id: { type: 'string', maxLength: 20 } }, required: ['id'] }
const newCode = 'export default ({ a, b }) => ({ sum: a + b, doubled: 2 * (a + b) })'
const v2 = agentPackage({ ...agent, description: 'Answers about orders, and adds' }, [
  { ...lookupTool, input_schema: newSchema },
  { ...sumTool, description: 'Adds and doubles', code: newCode },
  calculatorTool,
])

/** The plan's entries, as the answer lists them (tools in name order, agent fields first). */
const cleanChanges: Entry[] = [
  { field: 'description', change: 'modified', installed: agent.description, target: v2.agent.description },
  { tool: 'calculator', change: 'added' },
  {
    tool: 'lookup-order',
    field: 'input_schema',
    change: 'modified',
    installed: lookupTool.input_schema,
    target: newSchema,
  },
  { tool: 'old-notes', change: 'removed' },
  {
    tool: 'sum',
    field: 'description',
    change: 'modified',
    installed: sumTool.description,
    target: 'Adds and doubles',
  },
  { tool: 'sum', field: 'code', change: 'modified', installed: sumTool.code, target: newCode },
]

describe('marketplace upgrade (API)', function () {
  this.timeout(60_000)
  const sql = () => testStack().superSql
  let publisher: TestTenant
  let api: Api
  let slug: string
  let agentId: string

  before(async () => {
    publisher = await createTestTenant('mp-up-publisher')
  })
  beforeEach(async () => {
    api = asTenant(await createTestTenant('mp-up'))
    slug = await publishListing(sql(), {
      tenantId: publisher.tenantId,
      versions: [
        { version: '1.0.0', package: v1 },
        { version: '2.0.0', package: v2 },
      ],
    })
    const res = await api.post(`/api/v1/marketplace/listings/${slug}/install`).send({ version: '1.0.0' })
    expect(res.status, res.text).to.equal(201)
    agentId = res.body.agent.id as string
  })

  const upgrade = (body: Json, id = agentId, as: Api = api) =>
    as.post(`/api/v1/agents/${id}/upgrade`).send(body)
  const tools = async () =>
    new Map(
      ((await api.get('/api/v1/tools?limit=100').expect(200)).body.items as Json[]).map((t) => [
        t.name as string,
        t,
      ]),
    )
  const snapshot = async () => ({
    agent: (await api.get(`/api/v1/agents/${agentId}`).expect(200)).body as Json,
    tools: await tools(),
    install:
      await sql()`select version, package_sha256, tool_ids from marketplace_installs where agent_id = ${agentId}`,
  })
  const sortEntries = (entries: Entry[]) =>
    [...entries].sort((a, b) =>
      JSON.stringify([a.tool, a.field]).localeCompare(JSON.stringify([b.tool, b.field])),
    )

  it('shows the plan in a dry run, changing nothing, then applies it in one go', async () => {
    const before = await snapshot()
    const dry = await upgrade({ version: '2.0.0', dry_run: true })
    expect(dry.status, dry.text).to.equal(200)
    expect(dry.body).to.deep.include({
      from_version: '1.0.0',
      to_version: '2.0.0',
      dry_run: true,
      applied: false,
      conflicts: [],
      missing_secrets: ['SHOP_REGION', 'SHOP_TOKEN'],
    })
    expect(sortEntries(dry.body.changes as Entry[])).to.deep.equal(sortEntries(cleanChanges))
    expect(dry.body.agent).to.deep.equal(before.agent)
    expect(await snapshot()).to.deep.equal(before)

    const res = await upgrade({ version: '2.0.0' })
    expect(res.status, res.text).to.equal(200)
    expect(res.body).to.deep.include({ dry_run: false, applied: true, conflicts: [] })
    expect(sortEntries(res.body.changes as Entry[])).to.deep.equal(sortEntries(cleanChanges))
    const after = await snapshot()
    expect(after.agent).to.deep.equal(res.body.agent)
    expect(after.agent).to.include({ name: agent.name, description: v2.agent.description })
    expect(after.agent.source).to.include({
      listing: slug,
      version: '2.0.0',
      package_sha256: packageSha256(v2),
    })
    expect((after.agent.source as Json).installed_at).to.equal((before.agent.source as Json).installed_at)
    expect(after.agent.source).to.have.property('upgraded_at')
    expect((after.agent.tools as Json[]).map((t) => t.name)).to.deep.equal([
      'calculator',
      'lookup-order',
      'sum',
    ])
    // The dropped tool is deleted; the others carry the new version's fields, and the new code runs.
    expect([...after.tools.keys()].sort()).to.deep.equal(['calculator', 'lookup-order', 'sum'])
    expect(after.tools.get('lookup-order')!.input_schema).to.deep.equal(newSchema)
    expect(after.tools.get('sum')).to.include({ description: 'Adds and doubles', code: newCode })
    const ran = await api
      .post(`/api/v1/tools/${after.tools.get('sum')!.id as string}/test`)
      .send({ input: { a: 1, b: 2 } })
    expect(ran.body.output, ran.text).to.deep.equal({ sum: 3, doubled: 6 })
    expect(after.install).to.deep.equal([
      {
        version: '2.0.0',
        package_sha256: packageSha256(v2),
        tool_ids: Object.fromEntries([...after.tools].map(([name, tool]) => [name, tool.id])),
      },
    ])
    // An upgrade is not another install.
    expect(await counters(sql(), slug)).to.deep.equal({ install_count: 1 })
  })

  it('refuses to overwrite local edits: 409 and nothing changed, the plan in a dry run, the rest with keep_local_edits', async () => {
    const local = await tools()
    const localCode = 'export default ({ a, b }) => ({ sum: b + a })'
    await api
      .patch(`/api/v1/tools/${local.get('sum')!.id as string}`)
      .send({ code: localCode })
      .expect(200)
    await api
      .patch(`/api/v1/tools/${local.get('old-notes')!.id as string}`)
      .send({ description: 'Mine now' })
      .expect(200)
    await api.patch(`/api/v1/agents/${agentId}`).send({ description: 'Our own words' }).expect(200)
    const conflicts: Entry[] = [
      {
        field: 'description',
        change: 'modified',
        reason: 'edited_locally',
        installed: agent.description,
        target: v2.agent.description,
        current: 'Our own words',
      },
      { tool: 'old-notes', change: 'removed', reason: 'edited_locally' },
      {
        tool: 'sum',
        field: 'code',
        change: 'modified',
        reason: 'edited_locally',
        installed: sumTool.code,
        target: newCode,
        current: localCode,
      },
    ]
    const rest = cleanChanges.filter(
      (c) =>
        c.tool !== 'old-notes' && c.field !== 'code' && !(c.tool === undefined && c.field === 'description'),
    )
    const before = await snapshot()

    const refused = await upgrade({ version: '2.0.0' })
    expect(refused.status, refused.text).to.equal(409)
    expect(refused.body.error_code).to.equal('MARKETPLACE_UPGRADE_CONFLICT')
    expect(sortEntries(refused.body.details.conflicts as Entry[])).to.deep.equal(sortEntries(conflicts))
    expect(sortEntries(refused.body.details.changes as Entry[])).to.deep.equal(sortEntries(rest))
    expect(await snapshot()).to.deep.equal(before)

    const dry = await upgrade({ version: '2.0.0', dry_run: true })
    expect(dry.status, dry.text).to.equal(200)
    expect(sortEntries(dry.body.conflicts as Entry[])).to.deep.equal(sortEntries(conflicts))
    expect(await snapshot()).to.deep.equal(before)

    const kept = await upgrade({ version: '2.0.0', keep_local_edits: true })
    expect(kept.status, kept.text).to.equal(200)
    expect(kept.body).to.include({ applied: true })
    expect(sortEntries(kept.body.conflicts as Entry[])).to.deep.equal(sortEntries(conflicts))
    const after = await snapshot()
    expect(after.agent).to.include({ description: 'Our own words' })
    expect(after.agent.source).to.include({ version: '2.0.0' })
    expect(after.tools.get('sum')).to.include({ code: localCode, description: 'Adds and doubles' })
    expect(after.tools.get('old-notes')).to.include({ description: 'Mine now' })
    expect((after.agent.tools as Json[]).map((t) => t.name)).to.deep.equal([
      'calculator',
      'lookup-order',
      'old-notes',
      'sum',
    ])
  })

  it('reports a tool deleted locally and a new tool whose name is taken as conflicts', async () => {
    const local = await tools()
    const lookupId = local.get('lookup-order')!.id as string
    await api
      .patch(`/api/v1/agents/${agentId}`)
      .send({ tool_ids: [local.get('sum')!.id, local.get('old-notes')!.id] })
      .expect(200)
    await api.delete(`/api/v1/tools/${lookupId}`).expect(204)
    await api.post('/api/v1/tools').send({ name: 'calculator', description: 'Our own' }).expect(201)
    const res = await upgrade({ version: '2.0.0', dry_run: true })
    expect(res.status, res.text).to.equal(200)
    expect(sortEntries(res.body.conflicts as Entry[])).to.deep.equal([
      { tool: 'calculator', change: 'added', reason: 'name_taken' },
      { tool: 'lookup-order', change: 'modified', reason: 'deleted_locally' },
    ])
  })

  it('answers 422 for a version not newer, 404 for an unknown one, 410 for a yanked one, 404 for another tenant', async () => {
    for (const version of ['1.0.0', '0.9.0', '1.0.0-rc.1']) {
      const res = await upgrade({ version })
      expect(res.status, res.text).to.equal(422)
      expect(res.body).to.deep.include({
        error_code: 'MARKETPLACE_UPGRADE_NOT_NEWER',
        details: { installed: '1.0.0', requested: version },
      })
    }
    const unknown = await upgrade({ version: '9.0.0' })
    expect(unknown.status, unknown.text).to.equal(404)
    expect(unknown.body).to.deep.include({
      error_code: 'MARKETPLACE_VERSION_NOT_FOUND',
      details: { slug, version: '9.0.0' },
    })
    await yankVersion(sql(), slug, '2.0.0')
    const yanked = await upgrade({ version: '2.0.0' })
    expect(yanked.status, yanked.text).to.equal(410)
    expect(yanked.body.error_code).to.equal('MARKETPLACE_VERSION_YANKED')
    // Another tenant's installed agent is as unknown as a missing one.
    const other = asTenant(await createTestTenant('mp-up-other'))
    const missing = randomUUID()
    for (const id of [agentId, missing]) {
      const res = await upgrade({ version: '2.0.0' }, id, other)
      expect(res.status, res.text).to.equal(404)
      expect(res.body).to.deep.include({ error_code: 'AGENT_NOT_FOUND', details: { id } })
    }
  })
})
