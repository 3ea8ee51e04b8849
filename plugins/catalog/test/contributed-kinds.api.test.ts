// A kind contributed by another plugin (the seam issue 18's http and mcp tools will use): declared with
// `contributes: { toolKinds: [...] }`, it works end to end through POST /tools and /tools/{id}/test; the
// request's abort reaches its call; a kind defined twice stops the boot.
import type { AddressInfo } from 'node:net'
import { expect } from 'chai'
import { definePlugin, type PluginDefinition } from '../../../app/plugin-kit.js'
import { asTenant, buildTestApp, createTestTenant, type TestTenant } from '../../../test/helpers/api.js'
import { plugins } from '../../index.js'
import { toolError, type ToolKind } from '../../tool-kinds/tool-kind.js'

const echoKind: ToolKind = {
  kind: 'echo',
  fields: [],
  executable: true,
  prepare: () => Promise.resolve({}),
  execute: ({ input, tenantId, toolId }) => Promise.resolve({ output: { echoed: input, tenantId, toolId } }),
}

/** Calls that started, and calls whose signal was aborted, by tool id. */
const started: string[] = []
const aborted: string[] = []
const holdKind: ToolKind = {
  kind: 'hold',
  fields: [],
  executable: true,
  prepare: () => Promise.resolve({}),
  // Holds until the call is cancelled, as a slow http or mcp call would.
  execute: ({ signal, toolId }) =>
    new Promise((resolve) => {
      started.push(toolId)
      signal.addEventListener(
        'abort',
        () => {
          aborted.push(toolId)
          resolve(toolError('CANCELLED', 'the call was cancelled'))
        },
        { once: true },
      )
    }),
}

const contributing = (id: string, kinds: ToolKind[]): PluginDefinition =>
  definePlugin({ id, dir: import.meta.dirname, dependsOn: ['tool-kinds'], contributes: { toolKinds: kinds } })

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 10_000) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('tool kinds contributed by another plugin', () => {
  let built: ReturnType<typeof buildTestApp>
  let tenant: TestTenant

  before(() => {
    built = buildTestApp({ plugins: [...plugins, contributing('test-kinds', [echoKind, holdKind])] })
  })

  beforeEach(async () => {
    tenant = await createTestTenant('contributed')
  })

  it('creates, shows and runs a tool of a contributed kind through the API', async () => {
    const api = asTenant(tenant, built)
    const res = await api.post('/api/v1/tools').send({ name: 'echo', description: 'Echoes', kind: 'echo' })
    expect(res.status, JSON.stringify(res.body)).to.equal(201)
    expect(res.body).to.include({ kind: 'echo' })
    expect(res.body.input_schema).to.deep.equal({ type: 'object' })
    const tested = await api.post(`/api/v1/tools/${res.body.id}/test`).send({ input: { a: [1, 2] } })
    expect(tested.status).to.equal(200)
    expect(tested.body.output).to.deep.equal({
      echoed: { a: [1, 2] },
      tenantId: tenant.tenantId,
      toolId: res.body.id,
    })
    // The kind is not known to an app that does not load the contributing plugin.
    const plain = await asTenant(tenant)
      .post('/api/v1/tools')
      .send({ name: 'e2', description: 'd', kind: 'echo' })
    expect(plain.status).to.equal(422)
    expect(plain.body.error_code).to.equal('INVALID_TOOL_CONFIG')
  })

  it("aborts the tool call when the test's client disconnects", async () => {
    const api = asTenant(tenant, built)
    const tool = await api.post('/api/v1/tools').send({ name: 'hold', description: 'Holds', kind: 'hold' })
    expect(tool.status).to.equal(201)
    const id = tool.body.id as string
    const server = built.app.listen(0, '127.0.0.1')
    await new Promise((resolve) => server.once('listening', resolve))
    try {
      const controller = new AbortController()
      const request = fetch(
        `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/tools/${id}/test`,
        {
          method: 'POST',
          headers: { 'X-API-Key': tenant.apiKey, 'Content-Type': 'application/json' },
          body: JSON.stringify({ input: {} }),
          signal: controller.signal,
        },
      ).catch((error: unknown) => error)
      await until(() => started.includes(id), 'the call to start')
      expect(aborted).to.not.include(id)
      controller.abort()
      expect(String(await request)).to.match(/abort/i)
      await until(() => aborted.includes(id), 'the call to see the abort')
    } finally {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it('stops the boot when a contributed kind is already defined, naming both origins', () => {
    const clash = contributing('clashing-kinds', [{ ...echoKind, kind: 'javascript' }])
    expect(() => buildTestApp({ plugins: [...plugins, clash] })).to.throw(
      'Tool kind "javascript" is defined twice: by tool-kinds (kinds/javascript.kind.ts) and by plugin "clashing-kinds"',
    )
    const first = contributing('first-kinds', [echoKind])
    const second = contributing('second-kinds', [echoKind])
    expect(() => buildTestApp({ plugins: [...plugins, first, second] })).to.throw(
      'Tool kind "echo" is defined twice: by plugin "first-kinds" and by plugin "second-kinds"',
    )
  })
})
