import { expect } from 'chai'
import { bundleSpec } from '../../../app/kernel/spec.js'
import { plugins } from '../../../plugins/index.js'
import { asTenant, buildTestApp, createTestTenant } from '../../../test/helpers/api.js'
import { testPlugins } from '../../../test/harness/plugins.js'
import { testStack } from '../../../test/harness/stack.js'

describe('example-notes plugin', () => {
  // The plugin declares `example: true`: the service does not load it, so the test builds an app (and a
  // spec) with every plugin the tests load.
  const app = () => buildTestApp({ plugins: testPlugins, spec: bundleSpec(testPlugins) })
  let built: ReturnType<typeof app>
  before(() => {
    built = app()
  })

  const newAgent = async (api: ReturnType<typeof asTenant>, name = 'note-agent') =>
    (
      await api
        .post('/api/v1/agents')
        .send({ name: `${name}-${Math.random()}`, role: 'r', description: 'd' })
        .expect(201)
    ).body.id as string

  it('creates, lists, gets, changes and deletes a note for the calling tenant', async () => {
    const tenant = await createTestTenant()
    const api = asTenant(tenant, built)
    const created = await api
      .post('/api/v1/example-notes')
      .send({ title: 'hello', body: 'world' })
      .expect(201)
    expect(created.body).to.include({ title: 'hello', body: 'world', agent_id: null })
    const list = await api.get('/api/v1/example-notes').expect(200)
    expect(list.body).to.deep.include({ total: 1, items: [created.body] })
    await api.get(`/api/v1/example-notes/${created.body.id}`).expect(200)
    const changed = await api
      .patch(`/api/v1/example-notes/${created.body.id}`)
      .send({ body: 'everyone' })
      .expect(200)
    expect(changed.body).to.include({ title: 'hello', body: 'everyone', agent_id: null })
    await api.delete(`/api/v1/example-notes/${created.body.id}`).expect(204)
    const gone = await api.get(`/api/v1/example-notes/${created.body.id}`).expect(404)
    expect(gone.body.error_code).to.equal('EXAMPLE_NOTES_NOT_FOUND')
    const patchGone = await api.patch(`/api/v1/example-notes/${created.body.id}`).send({ title: 'x' })
    expect(patchGone.status).to.equal(404)
    expect(patchGone.body.error_code).to.equal('EXAMPLE_NOTES_NOT_FOUND')
  })

  it('links a note to an agent of its tenant, unlinks it with null, and forgets it when the agent is deleted', async () => {
    const api = asTenant(await createTestTenant(), built)
    const agentId = await newAgent(api)
    const note = await api
      .post('/api/v1/example-notes')
      .send({ title: 'linked', agent_id: agentId })
      .expect(201)
    expect(note.body.agent_id).to.equal(agentId)
    const unlinked = await api
      .patch(`/api/v1/example-notes/${note.body.id}`)
      .send({ agent_id: null })
      .expect(200)
    expect(unlinked.body).to.include({ title: 'linked', agent_id: null })
    await api.patch(`/api/v1/example-notes/${note.body.id}`).send({ agent_id: agentId }).expect(200)
    // The agent's delete (another plugin's operation) succeeds and leaves the note, unlinked.
    await api.delete(`/api/v1/agents/${agentId}`).expect(204)
    const after = await api.get(`/api/v1/example-notes/${note.body.id}`).expect(200)
    expect(after.body).to.include({ title: 'linked', agent_id: null })
  })

  it('refuses an agent of another tenant, or of no one, with 422 EXAMPLE_NOTES_UNKNOWN_AGENT, changing nothing', async () => {
    const owner = asTenant(await createTestTenant(), built)
    const other = asTenant(await createTestTenant(), built)
    const foreignAgent = await newAgent(other, 'foreign')
    const refused = await owner
      .post('/api/v1/example-notes')
      .send({ title: 'sneaky', agent_id: foreignAgent })
      .expect(422)
    expect(refused.body).to.deep.include({
      error_code: 'EXAMPLE_NOTES_UNKNOWN_AGENT',
      details: { agent_id: foreignAgent },
    })
    const note = await owner.post('/api/v1/example-notes').send({ title: 'mine' }).expect(201)
    const patched = await owner
      .patch(`/api/v1/example-notes/${note.body.id}`)
      .send({ title: 'renamed', agent_id: '00000000-0000-4000-8000-000000000000' })
      .expect(422)
    expect(patched.body.error_code).to.equal('EXAMPLE_NOTES_UNKNOWN_AGENT')
    const [row] = await testStack().superSql`
      select title, agent_id from example_notes where id = ${note.body.id}`
    expect(row).to.deep.equal({ title: 'mine', agent_id: null })
    expect((await owner.get('/api/v1/example-notes').expect(200)).body.total).to.equal(1)
  })

  it("keeps one tenant's notes invisible to another", async () => {
    const owner = asTenant(await createTestTenant(), built)
    const other = asTenant(await createTestTenant(), built)
    const note = await owner.post('/api/v1/example-notes').send({ title: 'private' }).expect(201)
    await other.get(`/api/v1/example-notes/${note.body.id}`).expect(404)
    await other.patch(`/api/v1/example-notes/${note.body.id}`).send({ title: 'mine now' }).expect(404)
    await other.delete(`/api/v1/example-notes/${note.body.id}`).expect(404)
    expect((await other.get('/api/v1/example-notes').expect(200)).body.total).to.equal(0)
    const [row] = await testStack().superSql`select title from example_notes where id = ${note.body.id}`
    expect(row).to.deep.equal({ title: 'private' })
  })

  it('is not part of the service: example: true keeps discovery from loading it', async () => {
    expect(plugins.map((plugin) => plugin.id)).to.not.include('example-notes')
    expect(testPlugins.map((plugin) => plugin.id)).to.include('example-notes')
    const tenant = await createTestTenant()
    const res = await asTenant(tenant).get('/api/v1/example-notes')
    expect(res.status).to.equal(404)
    expect(res.body.error_code).to.equal('NOT_FOUND')
  })
})
