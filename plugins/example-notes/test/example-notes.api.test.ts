import { expect } from 'chai'
import { bundleSpec } from '../../../app/kernel/spec.js'
import { asTenant, buildTestApp, createTestTenant } from '../../../test/helpers/api.js'
import { testPlugins } from '../../../test/harness/plugins.js'
import { testStack } from '../../../test/harness/stack.js'

describe('example-notes plugin', () => {
  // The plugin is not in the service's list, so the test builds an app (and a spec) that loads it.
  const app = () => buildTestApp({ plugins: testPlugins, spec: bundleSpec(testPlugins) })
  let built: ReturnType<typeof app>
  before(() => {
    built = app()
  })

  it('creates, lists, gets and deletes a note for the calling tenant', async () => {
    const tenant = await createTestTenant()
    const api = asTenant(tenant, built)
    const created = await api
      .post('/api/v1/example-notes')
      .send({ title: 'hello', body: 'world' })
      .expect(201)
    expect(created.body).to.include({ title: 'hello', body: 'world' })
    const list = await api.get('/api/v1/example-notes').expect(200)
    expect(list.body).to.deep.include({ total: 1, items: [created.body] })
    await api.get(`/api/v1/example-notes/${created.body.id}`).expect(200)
    await api.delete(`/api/v1/example-notes/${created.body.id}`).expect(204)
    const gone = await api.get(`/api/v1/example-notes/${created.body.id}`).expect(404)
    expect(gone.body.error_code).to.equal('NOT_FOUND')
  })

  it("keeps one tenant's notes invisible to another", async () => {
    const owner = asTenant(await createTestTenant(), built)
    const other = asTenant(await createTestTenant(), built)
    const note = await owner.post('/api/v1/example-notes').send({ title: 'private' }).expect(201)
    await other.get(`/api/v1/example-notes/${note.body.id}`).expect(404)
    await other.delete(`/api/v1/example-notes/${note.body.id}`).expect(404)
    expect((await other.get('/api/v1/example-notes').expect(200)).body.total).to.equal(0)
    const [row] = await testStack().superSql`select title from example_notes where id = ${note.body.id}`
    expect(row).to.deep.equal({ title: 'private' })
  })

  it('is not part of the service API unless listed in plugins/index.ts', async () => {
    const tenant = await createTestTenant()
    const res = await asTenant(tenant).get('/api/v1/example-notes')
    expect(res.status).to.equal(404)
    expect(res.body.error_code).to.equal('NOT_FOUND')
  })
})
