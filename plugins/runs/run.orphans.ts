// No run stays running forever (issue 19): every EXECUTION_EXPIRY_SWEEP_SECONDS this sweep asks
// app.orphaned_executions() for the runs still queued or running that nobody wrote for RUN_LEASE_SECONDS
// and that no job of the queue waits, retries or runs for (migrations/1764100020100_runs-orphans.sql), and
// takes each up in its tenant's own transaction: a background run gets a new runs.execute job (it resumes
// from its last step boundary, or ends WORKER_LOST after its attempts); a foreground run, whose process and
// client are gone, gets a job that ends it failed with WORKER_LOST (its budget hold released). A loop that is
// alive writes its run at every step boundary, and no step outlasts the lease (PROVIDER_TIMEOUT_MS and the
// tools' timeouts are far below it), so a live run is never taken.
import type { Cradle } from '../../app/plugin-kit.js'
import { enqueueRun } from './run.background.js'
import { deliveryJobId } from './run.subscribers.js'

export interface OrphanSweep {
  /** One sweep now; resolves to how many runs it took up. */
  sweepOnce(): Promise<number>
  stop(): void
}

interface Orphan {
  tenant_id: string
  execution_id: string
}

export function startOrphanSweep({
  sql,
  runsConfig,
  logger,
  tenantWork,
}: Pick<Cradle, 'sql' | 'runsConfig' | 'logger' | 'tenantWork'>): OrphanSweep {
  const staleSeconds = runsConfig.background.leaseSeconds
  const adopt = ({ tenant_id: tenantId, execution_id: id }: Orphan) =>
    tenantWork.run(tenantId, `orphan-${id}`, (inTransaction) =>
      inTransaction(async (services) => {
        const claimed = await services.runsRunRepo.claimOrphan(id, staleSeconds)
        if (!claimed) return false
        const jobId = deliveryJobId('runs.orphan', id, claimed.updated_at.getTime())
        await enqueueRun(services, id, 0, { jobId, abandon: !claimed.background })
        return true
      }),
    )
  let running: Promise<number> | undefined
  const sweepOnce = () =>
    (running ??= (async () => {
      const orphans = await sql<Orphan[]>`
        select tenant_id, execution_id from app.orphaned_executions(${staleSeconds})`
      let adopted = 0
      for (const orphan of orphans) if (await adopt(orphan)) adopted++
      if (adopted > 0) logger.warn({ adopted }, 'took up runs whose process or job was lost')
      return adopted
    })().finally(() => (running = undefined)))
  const timer = setInterval(() => {
    sweepOnce().catch((err: unknown) => logger.warn({ err }, 'the orphaned runs sweep failed'))
  }, runsConfig.executionExpirySweepSeconds * 1000)
  timer.unref()
  return { sweepOnce, stop: () => clearInterval(timer) }
}
