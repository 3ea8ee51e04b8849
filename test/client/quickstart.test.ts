// The example program, as a user runs it, against a live server whose tenant has a run quota of 4: its
// output shows each step, and each error it handles.
import { spawn } from 'node:child_process'
import { expect } from 'chai'
import { projectRoot } from '../../app/kernel/spec.js'
import { testStack } from '../harness/stack.js'
import { startLive, type Live } from './live.js'

function runExample(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'clients/typescript/examples/quickstart.ts'], {
      cwd: projectRoot,
      env: {
        PATH: process.env.PATH ?? '',
        ...(process.env.NODE_V8_COVERAGE ? { NODE_V8_COVERAGE: process.env.NODE_V8_COVERAGE } : {}),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('error', reject)
    child.once('exit', (code) => resolve({ code, output }))
  })
}

describe('typed client: examples/quickstart.ts', function () {
  this.timeout(120_000)
  let live: Live
  before(async () => {
    live = await startLive()
    await testStack()
      .superSql`update tenants set run_rate_limit_requests = 4 where id = ${live.tenant.tenantId}`
  })
  after(() => live.app.close())

  it('creates tools and an agent, runs it plain and streamed, pages history, handles 404, 409, 422, 429', async () => {
    const { code, output } = await runExample({ MAP_BASE_URL: live.app.url, MAP_API_KEY: live.tenant.apiKey })
    expect(code, output).to.equal(0)
    const lines = output.trim().split('\n')
    expect(lines[0]).to.match(/^model: \S+/)
    expect(output).to.match(/^tools: calculator-\w+, lookup-order-\w+$/m)
    expect(output).to.match(/^handled 409 DUPLICATE_TOOL_NAME: /m)
    expect(output).to.match(/^agent: R&D \+ ops #1 100% \w+ with calculator-\w+, lookup-order-\w+$/m)
    expect(output).to.match(/^handled 422 UNKNOWN_TOOL: \{"tool_ids":\["[0-9a-f-]{36}"\]\}$/m)
    expect(output).to.match(/^run: completed, tool calls: calculator-\w+\(\{"expression": "6 \* 7"\}\)$/m)
    expect(output).to.match(
      /^streamed events: execution\.created, response\.delta x\d+, execution\.completed$/m,
    )
    expect(output).to.match(/^history: 2 executions$/m)
    expect(output).to.match(/^handled 404 AGENT_NOT_FOUND$/m)
    // two runs above, two more within the quota of 4, the fifth refused
    expect(output).to.match(/^handled 429 RATE_LIMIT_EXCEEDED after 3 runs: retry after \d+ s$/m)
    expect(lines.at(-1)).to.equal('done')
  })

  it('says what to set when MAP_API_KEY is missing', async () => {
    const { code, output } = await runExample({ MAP_BASE_URL: live.app.url })
    expect(code).to.equal(2)
    expect(output).to.include('Set MAP_API_KEY')
  })
})
