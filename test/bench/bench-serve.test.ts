// `npm run bench -- --serve`, what ../shared/peers/compare.sh runs: it builds the compiled server (when a
// source is newer than dist/), starts PostgreSQL, Redis and `node dist/app/main.js` with a worker per core,
// loads the peers' data set under their keys (--smoke: a thousandth of the executions), prints one line
// URL=... on stdout, serves what fastapi/bench-peer.sh requests, and on SIGINT to its process group (as
// compare.sh stops it) leaves nothing running.
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect } from 'chai'
import { processTree } from '../../bench/process-cpu.js'
import { until } from '../helpers/server-process.js'

interface Serving {
  child: ChildProcess
  stdout: () => string
  output: () => string
  exited: Promise<number | null>
}

function serve(): Serving {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--serve', '--smoke'], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    // Its own process group, as compare.sh starts it (setsid), so the group can be signalled as a whole.
    detached: true,
    env: { PATH: process.env.PATH ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => ((stdout += chunk.toString()), (output += chunk.toString())))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return { child, stdout: () => stdout, output: () => output, exited }
}

/** The fields of list and agent answers the test reads. */
interface Body {
  total: number
  items: { id: string }[]
  tools: unknown[]
}

async function get(url: string, apiKey?: string): Promise<{ status: number; headers: Headers; body: Body }> {
  const res = await fetch(url, { headers: apiKey ? { 'X-API-Key': apiKey } : {} })
  return { status: res.status, headers: res.headers, body: (await res.json()) as Body }
}

describe('npm run bench -- --serve (what compare.sh runs)', function () {
  // A build of dist/ when a source changed (tsc on two loaded cores), then the services and the data.
  this.timeout(300_000)
  let serving: Serving | undefined

  after(() => {
    // A failed test must not leave the group behind.
    if (serving?.child.exitCode === null) process.kill(-serving.child.pid!, 'SIGKILL')
  })

  it("serves the peers' data set under their keys from the compiled server, and stops cleanly on SIGINT", async () => {
    serving = serve()
    const current = serving
    await until(
      () => /^URL=/m.test(current.stdout()),
      240_000,
      () => current.child.exitCode !== null,
      current.output,
    )
    expect(current.stdout().trim().split('\n'), 'stdout is the URL line only').to.have.lengthOf(1)
    const url = /^URL=(http:\/\/127\.0\.0\.1:\d+)$/m.exec(current.stdout())![1]!
    expect(current.output()).to.match(/API up \(dist, \d+ worker\(s\)\)/)
    // The compiled server, `node dist/app/main.js`, with a worker per core beneath it (as production).
    const workers = os.availableParallelism()
    const api = processTree(current.child.pid!)
      .map((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' '))
      .filter((command) => command.includes('dist/app/main.js'))
    expect(api, 'the primary and its workers').to.have.lengthOf(workers > 1 ? workers + 1 : 1)

    const [a, b] = ['tenant-a-api-key', 'tenant-b-api-key']
    expect((await get(`${url}/health`)).status).to.equal(200)
    // As bench-peer.sh finds its agent: the first of `GET /agents?limit=1`.
    const agents = await get(`${url}/api/v1/agents?limit=1`, a)
    expect(agents.body.total).to.equal(50)
    const agentId = agents.body.items[0]!.id
    const agent = await get(`${url}/api/v1/agents/${agentId}`, a)
    expect(agent.body.tools).to.have.lengthOf(5)
    const tools = await get(`${url}/api/v1/tools?limit=100`, a)
    expect(tools.body.items).to.have.lengthOf(100)
    expect(Number(tools.headers.get('x-ratelimit-limit')), 'quotas never reached').to.be.at.least(10_000_000)
    expect((await get(`${url}/api/v1/history?offset=9`, a)).body.total).to.equal(10)
    expect((await get(`${url}/api/v1/tools?limit=1`, b)).body.total).to.equal(10)
    expect((await get(`${url}/api/v1/agents?limit=1`, b)).body.total).to.equal(5)
    const deep = await get(`${url}/api/v1/history?offset=900`, b)
    expect(deep.body.total).to.equal(1_000)
    expect(deep.body.items).to.have.lengthOf(20)
    const created = await fetch(`${url}/api/v1/tools`, {
      method: 'POST',
      headers: { 'X-API-Key': a, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'bench-1', description: 'Created under load by bench-peer.sh.' }),
    })
    expect(created.status).to.equal(201)
    const run = await fetch(`${url}/api/v1/agents/${agentId}/run`, {
      method: 'POST',
      headers: { 'X-API-Key': a, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        prompt: 'Summarise the quarterly report in three bullet points.',
        model: 'gpt-4o',
      }),
    })
    expect(run.status, await run.clone().text()).to.equal(200)
    expect(((await run.json()) as { status: string }).status).to.equal('completed')

    const group = processTree(current.child.pid!)
    process.kill(-current.child.pid!, 'SIGINT')
    expect(await current.exited, current.output()).to.equal(0)
    await until(
      () => group.every((pid) => !alive(pid)),
      30_000,
      undefined,
      () => group.join(' '),
    )
    expect(
      await fetch(`${url}/health`).then(
        () => 'answered',
        () => 'refused',
      ),
    ).to.equal('refused')
  })
})

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
