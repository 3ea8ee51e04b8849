// Expiry of runs nobody answered: a run waiting for client tool outputs (requires_action) for longer than
// TOOL_OUTPUT_TIMEOUT_SECONDS becomes expired. Reading or answering it records that at once (lazily, in the
// tenant's transaction); this sweep records it for every tenant every EXECUTION_EXPIRY_SWEEP_SECONDS, so the
// history and usage show it even when nobody looks. The timer does not keep the process alive and stops with
// the container.
import type { Cradle } from '../../app/plugin-kit.js'
import { expireWaitingExecutions } from './expiry.repo.js'

export interface ExpirySweep {
  /** One sweep now; resolves to how many runs it expired. */
  sweepOnce(): Promise<number>
  stop(): void
}

export function startExpirySweep({
  sql,
  runsConfig,
  logger,
}: Pick<Cradle, 'sql' | 'runsConfig' | 'logger'>): ExpirySweep {
  let running: Promise<number> | undefined
  const sweepOnce = () =>
    (running ??= expireWaitingExecutions(sql)
      .then((expired) => {
        if (expired > 0) logger.info({ expired }, 'expired runs that waited too long for tool outputs')
        return expired
      })
      .finally(() => (running = undefined)))
  const timer = setInterval(() => {
    // A failed sweep (the database away) is tried again at the next tick; reads still expire lazily.
    sweepOnce().catch((err: unknown) => logger.warn({ err }, 'the expiry sweep failed'))
  }, runsConfig.executionExpirySweepSeconds * 1000)
  timer.unref()
  return { sweepOnce, stop: () => clearInterval(timer) }
}
