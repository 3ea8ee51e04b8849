// Every timestamp the API writes has one form, UTC with milliseconds (issue 16: /limits had a date and a
// date-time without them, /usage microseconds).
import { expect } from 'chai'
import { asTenant, createTestTenant } from '../helpers/api.js'

const millisecondIso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

describe('timestamps', () => {
  it('are UTC with milliseconds in tools, agents, executions, /limits and /usage', async () => {
    const api = asTenant(await createTestTenant())
    const tool = (await api.post('/api/v1/tools').send({ name: 't', description: 'd' }).expect(201)).body
    const agent = (
      await api.post('/api/v1/agents').send({ name: 'a', role: 'r', description: 'd' }).expect(201)
    ).body
    const execution = (
      await api
        .post(`/api/v1/agents/${String(agent.id)}/run`)
        .send({ prompt: 'hi', model: 'gpt-4o' })
        .expect(200)
    ).body
    const { budgets } = (await api.get('/api/v1/limits').expect(200)).body
    const usage = (await api.get('/api/v1/usage').expect(200)).body
    const written = {
      'tool.created_at': tool.created_at,
      'agent.updated_at': agent.updated_at,
      'execution.created_at': execution.created_at,
      'limits.budgets.period_start': budgets.period_start,
      'limits.budgets.period_end': budgets.period_end,
      'usage.from (default)': usage.from,
      'usage.to (default: now)': usage.to,
    }
    for (const [where, value] of Object.entries(written)) expect(value, where).to.match(millisecondIso)
    expect(budgets.period_start).to.match(/-01T00:00:00\.000Z$/)
    expect(Date.parse(usage.to) - Date.parse(usage.from)).to.equal(720 * 3600 * 1000)
  })

  it('echo a usage range given in seconds with milliseconds, and one given in microseconds exactly', async () => {
    const api = asTenant(await createTestTenant())
    const seconds = (
      await api
        .get('/api/v1/usage')
        .query({ from: '2024-05-01T10:00:00+02:00', to: '2024-05-02T00:00:00Z' })
        .expect(200)
    ).body
    expect(seconds).to.deep.include({ from: '2024-05-01T08:00:00.000Z', to: '2024-05-02T00:00:00.000Z' })
    const micros = (
      await api
        .get('/api/v1/usage')
        .query({ from: '2024-05-01T00:00:00.000001Z', to: '2024-05-02T00:00:00.5Z' })
        .expect(200)
    ).body
    expect(micros).to.deep.include({ from: '2024-05-01T00:00:00.000001Z', to: '2024-05-02T00:00:00.500Z' })
  })
})
