import { expect } from 'chai'
import { asTenant, createTestTenant } from '../helpers/api.js'

describe('names with characters encodeURIComponent leaves unencoded', () => {
  it("filters tools and agents by names such as O'Brien (a*b)!", async () => {
    const api = asTenant(await createTestTenant())
    const toolName = "O'Brien (a*b)!"
    const tool = await api.post('/api/v1/tools').send({ name: toolName, description: 'x' }).expect(201)
    await api
      .post('/api/v1/agents')
      .send({ name: "Agent (1)*'!", role: 'r', description: 'd', tool_ids: [tool.body.id] })
      .expect(201)
    const agents = await api.get(`/api/v1/agents?tool_name=${encodeURIComponent(toolName)}`).expect(200)
    expect(agents.body.items.map((a: { name: string }) => a.name)).to.deep.equal(["Agent (1)*'!"])
    const tools = await api.get(`/api/v1/tools?agent_name=${encodeURIComponent("Agent (1)*'!")}`).expect(200)
    expect(tools.body.items.map((t: { name: string }) => t.name)).to.deep.equal([toolName])
  })
})
