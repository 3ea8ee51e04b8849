// Accept: what an operation can answer is acceptable, problems always are; anything else is 406
// NOT_ACCEPTABLE, sent as problem+json even to a client that wants only XML.
import { expect } from 'chai'
import { anonymous, asTenant, createTestTenant } from '../helpers/api.js'

describe('Accept', function () {
  it('answers 406 NOT_ACCEPTABLE as problem+json to a client that accepts only application/xml', async () => {
    const api = asTenant(await createTestTenant())
    for (const accept of ['application/xml', 'text/html', 'application/json;q=0, text/csv']) {
      const res = await api.get('/api/v1/tools').set('Accept', accept).expect(406)
      expect(res.headers['content-type'], accept).to.match(/^application\/problem\+json/)
      expect(res.body, accept).to.deep.include({
        status: 406,
        error_code: 'NOT_ACCEPTABLE',
        details: { acceptable: ['application/json', 'application/problem+json'] },
      })
    }
    const run = await api
      .post(`/api/v1/agents/00000000-0000-4000-8000-000000000000/run`)
      .set('Accept', 'application/xml')
      .send({ prompt: 'hi', model: 'gpt-4o' })
      .expect(406)
    expect(run.body.details.acceptable).to.have.members([
      'application/json',
      'text/event-stream',
      'application/problem+json',
    ])
  })

  it('accepts no Accept, */*, application/*, application/json and application/problem+json', async () => {
    const api = asTenant(await createTestTenant())
    await api.get('/api/v1/tools').unset('Accept').expect(200)
    for (const accept of [
      '*/*',
      'application/*',
      'application/json',
      'application/problem+json',
      'text/html, */*;q=0.1',
    ]) {
      const res = await api.get('/api/v1/tools').set('Accept', accept).expect(200)
      expect(res.headers['content-type'], accept).to.match(/^application\/json/)
    }
  })

  it('accepts text/event-stream for a run, and answers 406 to it where nothing streams', async () => {
    const api = asTenant(await createTestTenant())
    const agent = await api
      .post('/api/v1/agents')
      .send({ name: 'a', role: 'r', description: 'd' })
      .expect(201)
    const run = await api
      .post(`/api/v1/agents/${String(agent.body.id)}/run`)
      .set('Accept', 'text/event-stream')
      .send({ prompt: 'hi', model: 'gpt-4o', stream: false })
      .expect(200)
    expect(run.headers['content-type']).to.match(/^application\/json/)
    await api.get('/api/v1/tools').set('Accept', 'text/event-stream').expect(406)
  })

  it('never refuses an operation that answers without a body (204), and refuses /health to an XML-only client', async () => {
    const api = asTenant(await createTestTenant())
    const tool = await api.post('/api/v1/tools').send({ name: 't', description: 'd' }).expect(201)
    await api
      .delete(`/api/v1/tools/${String(tool.body.id)}`)
      .set('Accept', 'application/xml')
      .expect(204)
    await anonymous().get('/health').set('Accept', 'application/xml').expect(406)
  })
})
