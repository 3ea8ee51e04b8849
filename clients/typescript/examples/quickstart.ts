// The typed client, end to end: tools and an agent, a plain and a streamed run, the history page by page,
// and the errors a program meets (404, 409, 422, 429).
//
//   MAP_API_KEY=tenant-a-api-key npx tsx clients/typescript/examples/quickstart.ts   (MAP_BASE_URL: http://127.0.0.1:3000)
//
// In this repository it imports the client by relative path; an application imports
// '@mini-agent-platform/client'.
import { createMapClient, isProblemError, ok } from '../src/index.js'

const baseUrl = process.env.MAP_BASE_URL ?? 'http://127.0.0.1:3000'
const apiKey = process.env.MAP_API_KEY
if (!apiKey) {
  process.stderr.write('Set MAP_API_KEY to a tenant API key (npm run tenant -- create <name> prints one).\n')
  process.exit(2)
}

const api = createMapClient({ baseUrl, apiKey })
const say = (line: string): void => void process.stdout.write(`${line}\n`)
// Names are unique per tenant: a suffix lets the program run again. Any character may be in a name.
const suffix = globalThis.crypto.randomUUID().slice(0, 8)

// A model to run on: the first one the server offers.
const models = await ok(api.GET('/api/v1/models'))
const model = models.items[0]?.id
if (model === undefined) throw new Error('the server offers no model')
say(`model: ${model}`)

// Tools. POSTs get an Idempotency-Key of their own, so the client's retries never create a tool twice.
const calculator = await ok(
  api.POST('/api/v1/tools', {
    body: {
      name: `calculator-${suffix}`,
      description: 'Evaluates arithmetic',
      kind: 'builtin',
      builtin: 'calculator',
    },
  }),
)
const lookup = await ok(
  api.POST('/api/v1/tools', {
    body: {
      name: `lookup-order-${suffix}`,
      description: 'Looks up an order in our system',
      input_schema: { type: 'object', properties: { order_id: { type: 'string' } }, required: ['order_id'] },
    },
  }),
)
say(`tools: ${calculator.name}, ${lookup.name}`)

// 409: the name is taken. The plain openapi-fetch result: `error` is typed by the operation's responses.
const again = await api.POST('/api/v1/tools', { body: { name: calculator.name, description: 'Another one' } })
if (again.error) say(`handled ${again.response.status} ${again.error.error_code}: ${again.error.detail}`)

// An agent linked to both tools; its name has characters that mean something in a URL.
const agent = await ok(
  api.POST('/api/v1/agents', {
    body: {
      name: `R&D + ops #1 100% ${suffix}`,
      role: 'Assistant',
      description: 'Answers questions about orders',
      tool_ids: [calculator.id, lookup.id],
    },
  }),
)
const linked = []
for await (const tool of api.list.tools({ agent_name: agent.name })) linked.push(tool.name)
say(`agent: ${agent.name} with ${linked.sort().join(', ')}`)

// 422: an agent with a tool that does not exist. ok() throws a ProblemError carrying the problem document.
try {
  await ok(
    api.POST('/api/v1/agents', {
      body: {
        name: `broken-${suffix}`,
        role: 'Assistant',
        description: 'Linked to nothing',
        tool_ids: [globalThis.crypto.randomUUID()],
      },
    }),
  )
} catch (error) {
  if (!isProblemError(error)) throw error
  say(`handled ${error.status} ${error.problem.error_code}: ${JSON.stringify(error.problem.details)}`)
}

// A plain run: no `stream` needed.
const execution = await ok(
  api.POST('/api/v1/agents/{id}/run', {
    params: { path: { id: agent.id } },
    body: { prompt: `use ${calculator.name} with {"expression": "6 * 7"}`, model },
  }),
)
const calls = execution.tool_calls.map((call) => `${call.name}(${call.arguments})`)
say(`run: ${execution.status}, tool calls: ${calls.join(', ') || 'none'}`)

// A streamed run: its events as they come (repeated events counted here).
const seen: { event: string; times: number }[] = []
for await (const { event } of api.streamRun(agent.id, { prompt: 'Say hello', model })) {
  const last = seen.at(-1)
  if (last?.event === event) last.times++
  else seen.push({ event, times: 1 })
}
say(
  `streamed events: ${seen.map(({ event, times }) => (times > 1 ? `${event} x${times}` : event)).join(', ')}`,
)

// The agent's history, one execution per page: the client follows the cursors.
let executions = 0
for await (const item of api.list.agentHistory(agent.id, { limit: 1 })) {
  if (item.agent_id === agent.id) executions++
}
say(`history: ${executions} executions`)

// 404: an agent that does not exist (or belongs to another tenant).
const missing = await api.GET('/api/v1/agents/{id}', {
  params: { path: { id: globalThis.crypto.randomUUID() } },
})
if (missing.error) say(`handled ${missing.response.status} ${missing.error.error_code}`)

// 429: runs until the tenant's run quota says no. The client waits out a short Retry-After by itself;
// a longer one comes back as the 429, for the program to decide.
for (let attempt = 1; attempt <= 200; attempt++) {
  try {
    await ok(
      api.POST('/api/v1/agents/{id}/run', {
        params: { path: { id: agent.id } },
        body: { prompt: 'Hi', model },
      }),
    )
  } catch (error) {
    if (!isProblemError(error)) throw error
    switch (error.problem.error_code) {
      case 'RATE_LIMIT_EXCEEDED':
      case 'BUDGET_EXCEEDED':
        say(
          `handled ${error.status} ${error.problem.error_code} after ${attempt} runs: retry after ` +
            `${error.response.headers.get('Retry-After') ?? '?'} s`,
        )
        break
      default:
        throw error
    }
    break
  }
}
say('done')
