// The CPU priority of a process that runs background work only (`npm run worker`). On a machine it shares with
// the API, its jobs then take the CPU the API's requests leave: an enqueue's latency does not pay for the runs
// it queued (bench: enqueue-one-client). Linux keeps a nice value per thread: every thread of the process is
// lowered, and threads started later (sandbox workers, libuv's pool) inherit it. In containers, CPU weights
// between containers decide instead (docker-compose.yml gives the worker a lower cpu_shares).
import { readdirSync } from 'node:fs'
import os from 'node:os'
import type { Logger } from 'pino'

export function lowerPriority(nice: number, logger: Logger): void {
  if (nice === 0) return
  const threads = process.platform === 'linux' ? readdirSync('/proc/self/task').map(Number) : [0]
  try {
    for (const thread of threads) os.setPriority(thread, nice)
  } catch (error) {
    // Raising one's own nice value is always allowed on Linux; elsewhere, run as started.
    logger.warn({ err: error, nice }, 'could not lower the worker process priority')
  }
}
