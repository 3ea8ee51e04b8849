// What the background run tests share: a local server an http tool calls (which can hold a call until the
// caller gives up), an agent whose run calls it, and waiting for an execution to reach a status.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect } from 'chai'
import { createAgent, createTool, type Api } from './loop.helpers.js'
import { until } from './subscribers.helpers.js'

export interface ToolServer {
  base: string
  /** Requests received, by path. */
  hits: string[]
  /** Paths whose requests are held (never answered) until the caller closes them. */
  hold: Set<string>
  /** Paths whose held request was closed by the caller (a cancelled tool call). */
  abandoned: string[]
  /** Stops holding the path, and answers the requests held on it. */
  release(path: string): void
  close(): Promise<void>
}

export async function startToolServer(): Promise<ToolServer> {
  const hits: string[] = []
  const hold = new Set<string>()
  const abandoned: string[] = []
  const held = new Map<string, http.ServerResponse[]>()
  const answer = (path: string, res: http.ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ answered: path }))
  }
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/'
    hits.push(path)
    if (hold.has(path)) {
      held.set(path, [...(held.get(path) ?? []), res])
      res.on('close', () => {
        if (!res.writableEnded) abandoned.push(path)
      })
      return
    }
    answer(path, res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    base: `http://127.0.0.1:${port}`,
    hits,
    hold,
    abandoned,
    release: (path) => {
      hold.delete(path)
      for (const res of held.get(path) ?? []) if (!res.writableEnded && !res.destroyed) answer(path, res)
      held.delete(path)
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** An agent with one http tool (GET <base>/<name>/{n}); its run's prompt calls it once with n. */
export async function agentCalling(
  api: Api,
  server: ToolServer,
  name: string,
): Promise<{ agentId: string; prompt: (n: string) => string; path: (n: string) => string }> {
  const toolId = await createTool(api, {
    name,
    kind: 'http',
    http: { method: 'GET', url: `${server.base}/${name}/{n}` },
  })
  const agentId = await createAgent(api, `${name}-agent`, [toolId])
  return {
    agentId,
    prompt: (n) => `use ${name} with {"n":"${n}"}`,
    path: (n) => `/${name}/${n}`,
  }
}

export interface ExecutionBody {
  id: string
  status: string
  background?: boolean
  cancel_requested_at?: string
  error?: { error_code: string; detail?: string; details?: Record<string, unknown> }
  response: string | null
  steps_count: number
}

export async function execution(api: Api, id: string): Promise<ExecutionBody> {
  const res = await api.get(`/api/v1/executions/${id}`)
  expect(res.status, JSON.stringify(res.body)).to.equal(200)
  return res.body as ExecutionBody
}

/** The execution once it has one of the statuses. */
export const reaches = (api: Api, id: string, statuses: string[], timeoutMs = 20_000) =>
  until(
    `execution ${id} to be ${statuses.join(' or ')}`,
    async () => {
      const found = await execution(api, id)
      return statuses.includes(found.status) ? found : undefined
    },
    timeoutMs,
  )

/** Starts a background run: 202, queued, with its Location. */
export async function startInBackground(api: Api, agentId: string, prompt: string): Promise<ExecutionBody> {
  const res = await api
    .post(`/api/v1/agents/${agentId}/run`)
    .send({ model: 'gpt-4o', prompt, background: true })
  expect(res.status, JSON.stringify(res.body)).to.equal(202)
  expect(res.headers.location).to.equal(`/api/v1/executions/${res.body.id}`)
  expect(res.body).to.include({ status: 'queued', background: true })
  return res.body as ExecutionBody
}

export const stepsOf = async (api: Api, id: string) => {
  const res = await api.get(`/api/v1/executions/${id}/steps?limit=100`)
  expect(res.status, JSON.stringify(res.body)).to.equal(200)
  return res.body.items as {
    index: number
    type: string
    status: string
    output?: unknown
    error?: unknown
  }[]
}
