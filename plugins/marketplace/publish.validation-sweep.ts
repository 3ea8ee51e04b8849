// No version stays `validating` forever (issue 20). Every validation job keeps one attempt to record its
// failure (publish.validation.ts), but that attempt can be lost too: its worker killed, or the job itself gone
// (deleted, a queue restored from an older backup). pg-boss then marks the job failed, or has none, and no
// handler ever writes the version again. Every few minutes this sweep asks app.stuck_marketplace_validations()
// (migrations/1764100022410_marketplace-stuck-validations.sql, SECURITY DEFINER, ids only) for versions
// validating longer than all their attempts could take with no job of the queue waiting, retrying or running
// for them, and rejects each, in its tenant's own transaction, with one `validation_failed` entry.
//
// Rejected, not enqueued again: such a version has had every attempt its job allows, the reserved one
// included, and a package whose checks kill their worker (memory, a hang past every timeout) would kill the
// next job's too, so a new job would only go round again, sweep after sweep. A rejection ends it for sure, and
// the publisher submits a later version (a rejected one already asks for that). A job lost before it ran
// gets the same answer: rare, and the same remedy.
import type { Cradle, LifecycleHook } from '../../app/plugin-kit.js'
import { validationAttemptSeconds } from './publish.validation.js'
import type { VersionCheck } from './publish.versions.repo.js'

/** How often the sweep runs: the versions it finds have been stuck for far longer (validationStaleSeconds). */
export const validationSweepSeconds = 300

export interface ValidationSweep {
  /** One sweep now; resolves to how many versions it rejected. */
  sweepOnce(): Promise<number>
  /** Runs sweepOnce every validationSweepSeconds until stop (the lifecycle hook's). */
  start(): void
  /** No further sweep; resolves once a running one has ended. */
  stop(): Promise<void>
}

/** The report of a version the sweep rejects (as the job's own failure, without a count of attempts). */
const lostValidation: VersionCheck[] = [
  {
    check: 'validation_failed',
    passed: false,
    message:
      'The validation could not complete: its job ended without a result (every worker running it was lost, or the job itself); publish the version again.',
  },
]

interface StuckVersion {
  tenant_id: string
  version_id: string
}

/**
 * The longest a validation can stay `validating` with its job alive: every attempt (the real ones and the
 * reserved one) running to its expiry and the queue's maintenance noticing it, the backoff between them at
 * its longest (pg-boss: delay × 2^(n+1) after the n-th retry, jitter included), and a margin. Only a
 * version older than this, with no live job, is stuck; one whose job still waits in the queue is not.
 */
export function validationStaleSeconds({
  marketplaceConfig: marketplace,
  jobsConfig: jobs,
}: Pick<Cradle, 'marketplaceConfig' | 'jobsConfig'>): number {
  const attempts = marketplace.validationMaxAttempts + 1
  const running = attempts * (validationAttemptSeconds + jobs.maintenanceIntervalSeconds)
  const backoff = marketplace.validationRetryDelaySeconds * (2 ** attempts - 2)
  return running + backoff + 600
}

export function makeValidationSweep({
  sql,
  marketplaceConfig,
  jobsConfig,
  logger,
  tenantWork,
  marketplacePublishMetrics: metrics,
}: Pick<
  Cradle,
  'sql' | 'marketplaceConfig' | 'jobsConfig' | 'logger' | 'tenantWork' | 'marketplacePublishMetrics'
>): ValidationSweep {
  const staleSeconds = validationStaleSeconds({ marketplaceConfig, jobsConfig })
  // finish() writes only a version still validating: one judged meanwhile is left as it is.
  const reject = ({ tenant_id: tenantId, version_id: id }: StuckVersion) =>
    tenantWork.run(tenantId, `validation-sweep-${id}`, (inTransaction) =>
      inTransaction(({ marketplacePublishVersionsRepo: repo }) =>
        repo.finish(id, 'rejected', lostValidation),
      ),
    )
  let running: Promise<number> | undefined
  const sweepOnce = () =>
    (running ??= (async () => {
      const stuck = await sql<StuckVersion[]>`
        select tenant_id, version_id from app.stuck_marketplace_validations(${staleSeconds})`
      let rejected = 0
      for (const version of stuck) {
        if (!(await reject(version))) continue
        rejected++
        metrics.recordValidation('failed')
      }
      if (rejected > 0)
        logger.warn({ rejected }, 'rejected marketplace versions whose validation job was lost')
      return rejected
    })().finally(() => (running = undefined)))
  let timer: NodeJS.Timeout | undefined
  return {
    sweepOnce,
    start() {
      timer ??= setInterval(() => {
        sweepOnce().catch((err: unknown) => logger.warn({ err }, 'the marketplace validation sweep failed'))
      }, validationSweepSeconds * 1000)
      timer.unref()
    },
    async stop() {
      clearInterval(timer)
      timer = undefined
      await running?.catch(() => undefined)
    },
  }
}

/** Sweeps while the process serves (the API or `npm run worker`); at shutdown, no new sweep starts. */
export const validationSweepLifecycle: LifecycleHook = {
  name: 'marketplace.validation-sweep',
  start: (cradle) => {
    const sweep = cradle.marketplacePublishValidationSweep
    sweep.start()
    return Promise.resolve({ stop: () => sweep.stop() })
  },
}
