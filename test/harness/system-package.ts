// The programs the tests run that npm does not bring (redis-server, chromium), on a machine where nothing was
// installed by hand: a missing one is installed with apt when we are root on Debian/Ubuntu, saying so in one line;
// anywhere else the run stops with one line that says what to install. So `npm install && npm test` is the
// whole set-up on a fresh Debian/Ubuntu machine, as CI runs it.
import { spawnSync } from 'node:child_process'

export interface SystemPackage {
  /** The program the tests run: a name looked up on PATH, or an absolute path. */
  command: string
  /** The Debian/Ubuntu package that brings it. */
  aptPackage: string
  /** What the tests need it for, said in the messages. */
  purpose: string
  /** How to get it where there is no apt (or we are not root), said in the message. */
  elsewhere: string
}

export interface CommandResult {
  status: number | null
  output: string
}

/** What the decision depends on, injected by the tests. */
export interface Machine {
  isRoot: boolean
  /** Whether `command` can be run (on PATH, or an executable at that path). */
  has(command: string): boolean
  run(command: string, args: string[], env: Record<string, string>): CommandResult
  say(line: string): void
}

/** A program the tests need is missing and this run cannot install it: the message says what to do. */
export class MissingSystemPackage extends Error {
  override name = 'MissingSystemPackage'
}

/** For the harness's entry points: a missing package stops the run with what to install, in one line. */
export function exitIfMissingPackage(error: unknown): never {
  if (!(error instanceof MissingSystemPackage)) throw error
  process.stderr.write(`${error.message}\n`)
  process.exit(1)
}

export const redisServerPackage: SystemPackage = {
  command: 'redis-server',
  aptPackage: 'redis-server',
  purpose: 'the rate-limit tests run a real Redis',
  elsewhere: 'macOS: brew install redis',
}

export const chromiumPackage: SystemPackage = {
  command: '/usr/bin/chromium',
  aptPackage: 'chromium',
  purpose: 'the /docs test drives a real headless Chromium',
  elsewhere: 'elsewhere, a Chromium at /usr/bin/chromium',
}

export const thisMachine: Machine = {
  isRoot: process.getuid?.() === 0,
  has: (command) => spawnSync('sh', ['-c', 'command -v "$1" >/dev/null', 'sh', command]).status === 0,
  run: (command, args, env) => {
    const result = spawnSync(command, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    })
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`
    return { status: result.status, output }
  },
  say: (line) => process.stderr.write(`${line}\n`),
}

const lastLine = (output: string): string =>
  output
    .trim()
    .split('\n')
    .filter((line) => line.trim() !== '')
    .at(-1) ?? '(no output)'

/** Whether apt's package lists know the package (a fresh image may have none: then `apt-get update` first). */
function aptKnows(machine: Machine, aptPackage: string): boolean {
  const policy = machine.run('apt-cache', ['policy', aptPackage], {})
  return policy.status === 0 && /Candidate: (?!\(none\))\S/.test(policy.output)
}

/** Makes sure `pkg.command` can be run, installing `pkg.aptPackage` with apt-get as root when it is missing. */
export function ensureSystemPackage(pkg: SystemPackage, machine: Machine = thisMachine): void {
  if (machine.has(pkg.command)) return
  if (!machine.isRoot || !machine.has('apt-get')) {
    const how = `${machine.has('apt-get') ? 'sudo ' : ''}apt-get install -y ${pkg.aptPackage} (Debian/Ubuntu); ${pkg.elsewhere}`
    throw new MissingSystemPackage(
      `${pkg.command} is not installed and ${machine.isRoot ? 'there is no apt-get' : 'the tests do not run as root'} to install it (${pkg.purpose}): install it with ${how}, then run the tests again.`,
    )
  }
  machine.say(
    `${pkg.command} is missing (${pkg.purpose}): installing the Debian package ${pkg.aptPackage} with apt-get, once; this can take a few minutes.`,
  )
  const apt = (args: string[]) => machine.run('apt-get', args, { DEBIAN_FRONTEND: 'noninteractive' })
  const update = () => {
    const result = apt(['update'])
    if (result.status !== 0) {
      throw new MissingSystemPackage(
        `apt-get update failed (exit ${result.status}) while installing ${pkg.aptPackage}: ${lastLine(result.output)}`,
      )
    }
  }
  // Waits for another apt run (another test run installing the same) instead of failing on its lock.
  const install = () =>
    apt(['install', '-y', '--no-install-recommends', '-o', 'DPkg::Lock::Timeout=600', pkg.aptPackage])
  let updated = false
  if (!aptKnows(machine, pkg.aptPackage)) {
    update()
    updated = true
  }
  let result = install()
  // Lists that know the package but are stale point at files the mirror no longer has: update once, retry.
  if (result.status !== 0 && !updated) {
    update()
    result = install()
  }
  if (result.status !== 0) {
    throw new MissingSystemPackage(
      `apt-get install ${pkg.aptPackage} failed (exit ${result.status}): ${lastLine(result.output)}`,
    )
  }
  if (!machine.has(pkg.command)) {
    throw new MissingSystemPackage(
      `apt-get installed ${pkg.aptPackage}, but ${pkg.command} is still not found.`,
    )
  }
}
