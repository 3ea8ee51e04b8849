// What the harness does when a program the tests need is missing: install it with apt as root on
// Debian/Ubuntu (saying so in one line), or stop with one line that says what to install. The machine is
// injected (a recording one), so no package is really removed or installed here.
import { expect } from 'chai'
import {
  chromiumPackage,
  ensureSystemPackage,
  MissingSystemPackage,
  redisServerPackage,
  thisMachine,
  type CommandResult,
  type Machine,
} from './system-package.js'

interface Call {
  command: string
  args: string[]
  env: Record<string, string>
}

interface Recorded extends Machine {
  calls: Call[]
  said: string[]
}

/** A machine with `installed` programs; `apt-get install X` makes the program of package X available. */
function machine(options: {
  isRoot: boolean
  installed?: readonly string[]
  aptKnows?: boolean
  installStatus?: number
  programOf?: Record<string, string>
}): Recorded {
  const installed = new Set(options.installed ?? [])
  let listsKnow = options.aptKnows ?? true
  const calls: Call[] = []
  const said: string[] = []
  return {
    isRoot: options.isRoot,
    calls,
    said,
    has: (command) => installed.has(command),
    run: (command, args, env): CommandResult => {
      calls.push({ command, args, env })
      if (command === 'apt-cache') {
        return {
          status: 0,
          output: `${args[1]}:\n  Installed: (none)\n  Candidate: ${listsKnow ? '1.0' : '(none)'}\n`,
        }
      }
      if (args[0] === 'update') {
        listsKnow = true
        return { status: 0, output: 'Reading package lists... Done' }
      }
      const status = options.installStatus ?? (listsKnow ? 0 : 100)
      if (status === 0) {
        const pkg = args.at(-1)!
        installed.add(options.programOf?.[pkg] ?? pkg)
      }
      return {
        status,
        output:
          status === 0 ? 'Setting up ...' : 'E: Unable to fetch some archives, maybe run apt-get update?\n',
      }
    },
    say: (line) => said.push(line),
  }
}

const aptCalls = (m: Recorded) => m.calls.filter((call) => call.command === 'apt-get')

describe('ensureSystemPackage: a program the tests need', () => {
  it('is left alone when it is installed', () => {
    const m = machine({ isRoot: true, installed: ['redis-server', 'apt-get'] })
    ensureSystemPackage(redisServerPackage, m)
    expect(m.calls).to.deep.equal([])
    expect(m.said).to.deep.equal([])
  })

  it('is installed with apt-get as root on Debian/Ubuntu, without an update when the lists know it, saying so in one line', () => {
    const m = machine({ isRoot: true, installed: ['apt-get'] })
    ensureSystemPackage(redisServerPackage, m)
    expect(aptCalls(m).map((call) => call.args)).to.deep.equal([
      ['install', '-y', '--no-install-recommends', '-o', 'DPkg::Lock::Timeout=600', 'redis-server'],
    ])
    expect(aptCalls(m)[0]!.env).to.deep.equal({ DEBIAN_FRONTEND: 'noninteractive' })
    expect(m.said).to.have.length(1)
    expect(m.said[0]).to.match(
      /^redis-server is missing .*installing the Debian package redis-server with apt-get/,
    )
    expect(m.said[0]).not.to.include('\n')
    expect(m.has('redis-server')).to.be.true
  })

  it('runs apt-get update first when the package lists do not know the package (a fresh image)', () => {
    const m = machine({ isRoot: true, installed: ['apt-get'], aptKnows: false })
    ensureSystemPackage(redisServerPackage, m)
    expect(aptCalls(m).map((call) => call.args[0])).to.deep.equal(['update', 'install'])
  })

  it('installs chromium the same way, and checks the program it needs is then there', () => {
    const m = machine({ isRoot: true, installed: ['apt-get'], programOf: { chromium: '/usr/bin/chromium' } })
    ensureSystemPackage(chromiumPackage, m)
    expect(aptCalls(m).map((call) => call.args.at(-1))).to.deep.equal(['chromium'])
    expect(m.said[0]).to.match(/^\/usr\/bin\/chromium is missing .*package chromium with apt-get/)
  })

  it('updates the lists and retries once when an install from stale lists fails', () => {
    let installs = 0
    const m = machine({ isRoot: true, installed: ['apt-get'] })
    const run: Machine['run'] = (command, args, env) => {
      if (command === 'apt-get' && args[0] === 'install' && installs++ === 0) {
        m.calls.push({ command, args, env })
        return { status: 100, output: 'E: Failed to fetch .../redis-server_7.0.deb  404  Not Found' }
      }
      return m.run(command, args, env)
    }
    ensureSystemPackage(redisServerPackage, { ...m, run })
    expect(aptCalls(m).map((call) => call.args[0])).to.deep.equal(['install', 'update', 'install'])
  })

  for (const [situation, options] of [
    ['the tests do not run as root', { isRoot: false, installed: ['apt-get'] }],
    ['there is no apt-get', { isRoot: true, installed: [] }],
  ] as const) {
    it(`stops with one line saying what to install, and installs nothing, when ${situation}`, () => {
      const m = machine(options)
      let error: unknown
      try {
        ensureSystemPackage(redisServerPackage, m)
      } catch (caught) {
        error = caught
      }
      expect(error).to.be.instanceOf(MissingSystemPackage)
      const message = (error as Error).message
      expect(message).not.to.include('\n')
      expect(message).to.include(situation)
      expect(message).to.include('apt-get install -y redis-server')
      expect(message).to.include('brew install redis')
      expect(m.calls).to.deep.equal([])
      expect(m.said).to.deep.equal([])
    })
  }

  it('stops with apt-get’s last line when the install fails', () => {
    const m = machine({ isRoot: true, installed: ['apt-get'], installStatus: 100 })
    expect(() => ensureSystemPackage(redisServerPackage, m)).to.throw(
      MissingSystemPackage,
      /^apt-get install redis-server failed \(exit 100\): E: Unable to fetch some archives/,
    )
  })

  it('stops when the package installed but the program is still not there', () => {
    const m = machine({ isRoot: true, installed: ['apt-get'], programOf: { chromium: 'chromium-browser' } })
    expect(() => ensureSystemPackage(chromiumPackage, m)).to.throw(MissingSystemPackage, /still not found/)
  })

  it('on this machine, finds programs that exist and not ones that do not', () => {
    expect(thisMachine.has('sh')).to.be.true
    expect(thisMachine.has('/bin/sh')).to.be.true
    expect(thisMachine.has('no-such-program-map-test')).to.be.false
    expect(thisMachine.run('sh', ['-c', 'echo "$X"; exit 3'], { X: 'seen' })).to.deep.equal({
      status: 3,
      output: 'seen\n',
    })
  })
})
