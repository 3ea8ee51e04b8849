// A real redis-server for the tests, on a free port, without persistence. It can be stopped and started
// again on the same port, for the tests of what the API does while Redis is down.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import { ensureSystemPackage, redisServerPackage } from './system-package.js'

export interface RedisServer {
  url: string
  port: number
  stop(): Promise<void>
  start(): Promise<void>
}

const binary = process.env.REDIS_SERVER_BIN ?? 'redis-server'

/** Installs redis-server when it is missing and we may (see system-package.ts), else stops with one line. */
export function assertRedisInstalled(): void {
  // A binary named by REDIS_SERVER_BIN is the user's to provide; the default one is installed when missing.
  if (!process.env.REDIS_SERVER_BIN) ensureSystemPackage(redisServerPackage)
  const probe = spawnSync(binary, ['--version'], { encoding: 'utf8' })
  if (probe.error || probe.status !== 0) {
    throw new Error(
      `The tests need a real Redis, and "${binary} --version" failed: ${probe.error?.message ?? probe.stderr}`,
    )
  }
}

const listening = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })

/** extraArgs: more redis-server options (the Redis Cluster test starts one in cluster mode). */
export async function startRedisServer(port: number, extraArgs: string[] = []): Promise<RedisServer> {
  assertRedisInstalled()
  let child: ChildProcess | undefined
  const start = async () => {
    child = spawn(
      binary,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...extraArgs],
      {
        stdio: 'ignore',
      },
    )
    for (let i = 0; i < 100 && !(await listening(port)); i++) await new Promise((r) => setTimeout(r, 50))
    if (!(await listening(port))) throw new Error(`redis-server did not start on port ${port}`)
  }
  const stop = async () => {
    if (!child || child.exitCode !== null) return
    const exited = new Promise((resolve) => child!.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
  }
  await start()
  return { url: `redis://127.0.0.1:${port}`, port, stop, start }
}
