// `npm start` on a fresh machine: embedded PostgreSQL, migrations, demo tenants, and a restart that keeps data.
import { spawn, type ChildProcess } from 'node:child_process'
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect } from 'chai'
import postgres from 'postgres'
import { freePort } from '../harness/stack.js'

interface Started {
  child: ChildProcess
  baseUrl: string
  output: () => string
}

async function startService(dataDir: string, port: number, pgPort: number): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'app/main.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      EMBEDDED_PG_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const deadline = Date.now() + 60_000
  while (!output.includes('"msg":"listening"')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`service did not start:\n${output}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return { child, baseUrl: `http://127.0.0.1:${port}`, output: () => output }
}

const stop = async ({ child }: Started): Promise<number | null> => {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  child.kill('SIGTERM')
  return exited
}

/** The settings the start printed are the ones the server runs with (db/embedded-settings.ts). */
async function expectMachineSettings(started: Started, dataDir: string, pgPort: number): Promise<void> {
  const line = started
    .output()
    .split('\n')
    .find((text) => text.includes('"msg":"starting embedded PostgreSQL"'))
  const { settings } = JSON.parse(line!) as { settings: Record<string, string> }
  expect(settings).to.include.keys('shared_buffers', 'work_mem', 'effective_cache_size', 'max_connections')
  expect(settings.synchronous_commit).to.equal('on')
  const { superuserPassword } = JSON.parse(readFileSync(`${dataDir}.credentials.json`, 'utf8')) as {
    superuserPassword: string
  }
  const sql = postgres({
    host: '127.0.0.1',
    port: pgPort,
    user: 'postgres',
    password: superuserPassword,
    database: 'postgres',
    max: 1,
  })
  try {
    for (const [name, value] of Object.entries(settings)) {
      const [row] = await sql<{ running: string; same: boolean }[]>`
        select current_setting(${name}) as running,
               case when ${value} ~ '^[0-9]+MB$'
                    then pg_size_bytes(current_setting(${name})) = pg_size_bytes(${value})
                    else current_setting(${name}) = ${value} end as same`
      expect(row!.same, `${name}: printed ${value}, running ${row!.running}`).to.equal(true)
    }
  } finally {
    await sql.end({ timeout: 5 })
  }
}

describe('npm start on the embedded default', function () {
  this.timeout(120_000)
  let root: string

  before(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'map-start-'))
    chmodSync(root, 0o755)
  })
  after(() => rmSync(root, { recursive: true, force: true }))

  it('serves the demo tenants, stops on SIGTERM, and keeps data across a restart', async () => {
    const dataDir = path.join(root, 'pg')
    const [port, pgPort] = [await freePort(), await freePort()]
    const first = await startService(dataDir, port, pgPort)
    const headers = { 'X-API-Key': 'tenant-a-api-key', 'Content-Type': 'application/json' }
    const created = await fetch(`${first.baseUrl}/api/v1/tools`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'survives-restart', description: 'kept on disk' }),
    })
    expect(created.status).to.equal(201)
    const tenantB = await fetch(`${first.baseUrl}/api/v1/tools`, {
      headers: { 'X-API-Key': 'tenant-b-api-key' },
    })
    expect(((await tenantB.json()) as { total: number }).total).to.equal(0)
    await expectMachineSettings(first, dataDir, pgPort)
    expect(await stop(first), first.output()).to.equal(0)

    const second = await startService(dataDir, port, pgPort)
    const list = await fetch(`${second.baseUrl}/api/v1/tools`, { headers })
    const body = (await list.json()) as { items: { name: string }[] }
    expect(body.items.map((tool) => tool.name)).to.deep.equal(['survives-restart'])
    expect(await stop(second), second.output()).to.equal(0)
  })
})
