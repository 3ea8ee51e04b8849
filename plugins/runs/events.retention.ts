// Retention of the event logs: the events of runs finished more than EVENT_RETENTION_DAYS ago are deleted,
// for every tenant, once an hour. Like the expiry sweep (expiry.ts) it goes through one
// SECURITY DEFINER function, app.delete_old_execution_events() (migration runs-execution-events), which
// reaches only finished runs' events through the owner's policies and returns only a count: map_app itself
// sees one tenant at a time, and this is the one place that needs them all. The timer does not keep the
// process alive and stops with the container.
import type { Cradle, Sql } from '../../app/plugin-kit.js'

export const retentionSweepMs = 60 * 60 * 1000

export interface EventRetentionSweep {
  /** One sweep now; resolves to how many events it deleted. */
  sweepOnce(): Promise<number>
  stop(): void
}

export async function deleteOldExecutionEvents(sql: Sql, retentionDays: number): Promise<number> {
  const [row] = await sql<{ deleted: number }[]>`
    select app.delete_old_execution_events(${retentionDays}) as deleted`
  return row?.deleted ?? 0
}

export function startEventRetentionSweep({
  sql,
  runsConfig,
  logger,
}: Pick<Cradle, 'sql' | 'runsConfig' | 'logger'>): EventRetentionSweep {
  let running: Promise<number> | undefined
  const sweepOnce = () =>
    (running ??= deleteOldExecutionEvents(sql, runsConfig.eventRetentionDays)
      .then((deleted) => {
        if (deleted > 0) logger.info({ deleted }, 'deleted the event logs of runs past their retention')
        return deleted
      })
      .finally(() => (running = undefined)))
  const sweep = () => {
    // A failed sweep (the database away) is tried again at the next tick.
    sweepOnce().catch((err: unknown) => logger.warn({ err }, 'the event retention sweep failed'))
  }
  const timer = setInterval(sweep, retentionSweepMs)
  timer.unref()
  return { sweepOnce, stop: () => clearInterval(timer) }
}
