// Tools and agents for the run loop's tests.
import { expect } from 'chai'
import type { asTenant } from '../../../test/helpers/api.js'

export type Api = ReturnType<typeof asTenant>

export async function createTool(api: Api, body: Record<string, unknown>): Promise<string> {
  const res = await api.post('/api/v1/tools').send({ description: `${String(body.name)} tool`, ...body })
  expect(res.status, JSON.stringify(res.body)).to.equal(201)
  return res.body.id as string
}

export async function createAgent(api: Api, name: string, toolIds: string[]): Promise<string> {
  const res = await api
    .post('/api/v1/agents')
    .send({ name, role: 'Operator', description: 'Uses its tools', tool_ids: toolIds })
    .expect(201)
  return res.body.id as string
}
