// The validation of a version, as a background job (plugins/jobs): read the version, run every check
// outside any transaction (the sandbox, the mock model), then write the outcome in one short transaction:
// `published` when every check passed (the listing too, with its first version), `rejected` otherwise,
// with the report. Only a version still `validating` is written, so a repeated attempt changes nothing.
//
// Never stuck in `validating`: an attempt that throws (the platform failing, not the package) is retried;
// on the last real attempt (MARKETPLACE_VALIDATION_MAX_ATTEMPTS) the failure is recorded instead, the version
// rejected with one `validation_failed` entry. The job has one attempt more, kept for when that last real
// attempt never ends (its worker died, or the checks hung past expireInSeconds): it runs no check, it only
// records the failure. If even that one is lost, the sweep (publish.validation-sweep.ts) rejects the version.
import type { TransactionSql } from '../../app/plugin-kit.js'
import type { Egress } from '../egress/egress.js'
import type { MarketplaceConfig } from './marketplace.config.js'
import type { JobsService } from '../jobs/jobs.queue.js'
import type { Job, JobHandler, JobServices } from '../jobs/jobs.types.js'
import {
  httpEgressCheck,
  inputSchemasCheck,
  javascriptCompilesCheck,
  toolKindsCheck,
} from './publish.checks.js'
import { examplePromptsCheck, type PromptContext, type PromptDeps } from './publish.prompts.js'
import { javascriptScanCheck } from './publish.scan.js'
import { noEmbeddedSecretsCheck } from './publish.secrets-scan.js'
import type { AgentPackage } from './marketplace.package.js'
import type { VersionCheck } from './publish.versions.repo.js'

export const validateVersionJobName = 'marketplace.validate-version'

/**
 * How long one attempt may run before the queue counts it lost (expireInSeconds): a validation compiles
 * and runs a few tools and prompts, so minutes would mean it hangs.
 */
export const validationAttemptSeconds = 300

export interface ValidateVersionData {
  version_id: string
  /**
   * The attempts that run the checks (MARKETPLACE_VALIDATION_MAX_ATTEMPTS when it was enqueued): the job
   * has one more, kept to record their failure. Carried by the job, so a worker configured otherwise counts
   * the same. Absent on jobs enqueued before the kept attempt existed: every attempt of theirs runs checks.
   */
  attempts?: number
}

/** Every check, in the report's order. */
export async function validatePackage(
  pkg: AgentPackage,
  examplePrompts: readonly string[],
  deps: PromptDeps & { egress: Egress },
  ctx: PromptContext,
): Promise<VersionCheck[]> {
  const kinds = deps.toolKindsRegistry
  return [
    await toolKindsCheck(pkg, kinds),
    await inputSchemasCheck(pkg, kinds),
    await javascriptCompilesCheck(pkg, kinds),
    javascriptScanCheck(pkg),
    httpEgressCheck(pkg, deps.egress),
    noEmbeddedSecretsCheck(pkg, examplePrompts),
    await examplePromptsCheck(pkg, examplePrompts, deps, ctx),
  ]
}

/** The report of a validation that could not complete: why, without the internals of the error. */
export const validationFailed = (attempts: number, why: string): VersionCheck[] => [
  {
    check: 'validation_failed',
    passed: false,
    message: `The validation could not complete after ${attempts} attempt(s) (${why}); publish the version again.`,
  },
]

/** Why the attempt before the reserved one ended without a result. */
const lostBecause = (job: Job): string =>
  job.previousFailure?.reason === 'expired'
    ? 'an attempt ran out of time: its worker died, or the checks hung'
    : `an attempt ended without a result: ${job.previousFailure?.reason ?? 'unknown'}`

const errorName = (error: unknown): string =>
  error instanceof Error ? ((error as { code?: unknown }).code?.toString() ?? error.name) : 'error'

async function handle(job: Job<ValidateVersionData>, { inTransaction, cradle }: JobServices) {
  const started = performance.now()
  const metrics = cradle.marketplacePublishMetrics
  const version = await inTransaction(({ marketplacePublishVersionsRepo: repo }) =>
    repo.toValidate(job.data.version_id),
  )
  // Deleted with its draft listing, or already judged by an earlier attempt.
  if (!version || version.status !== 'validating') return { skipped: version?.status ?? 'deleted' }

  const realAttempts = job.data.attempts ?? job.maxAttempts
  // The last real attempt records its own failure; past it, only a lost attempt leads here.
  const lastRealAttempt = job.attempt >= realAttempts || job.isLastAttempt
  let report: VersionCheck[]
  if (job.attempt > realAttempts) {
    // The reserved attempt: the checks already had every attempt they get.
    report = validationFailed(job.attempt - 1, lostBecause(job))
  } else {
    try {
      report = await validatePackage(
        version.package,
        version.example_prompts,
        {
          toolKindsRegistry: cradle.toolKindsRegistry,
          modelsGateway: cradle.modelsGateway,
          egress: cradle.egress,
        },
        { signal: job.signal, tenantId: job.tenantId, inTransaction },
      )
      // Stopped (shutdown, or past expireInSeconds): cancelled calls are not the package's failures.
      job.signal.throwIfAborted()
    } catch (error) {
      // Stopped, not failed: at a shutdown the job is put back (the attempt not counted); past its time, the
      // next attempt follows (after the last real one, the kept one records it). Otherwise the last records.
      if (!lastRealAttempt || job.signal.aborted) {
        metrics.recordValidation('retried', (performance.now() - started) / 1000)
        throw error
      }
      cradle.logger.error({ err: error, versionId: version.id }, 'marketplace validation failed')
      report = validationFailed(job.attempt, errorName(error))
    }
  }
  const failed = report.some((check) => check.check === 'validation_failed')
  const status = report.every((check) => check.passed) ? 'published' : 'rejected'
  const wrote = await inTransaction(({ marketplacePublishVersionsRepo: repo }) =>
    repo.finish(version.id, status, report),
  )
  if (wrote) {
    metrics.recordValidation(failed ? 'failed' : status, (performance.now() - started) / 1000)
    if (status === 'published') metrics.recordPublication()
  }
  return { status, wrote }
}

/**
 * Enqueues the version's validation in the submission's transaction: the job's id is the version's (the
 * sweep finds it so; enqueueing again adds nothing), MARKETPLACE_VALIDATION_MAX_ATTEMPTS real attempts and
 * one more, reserved to record their failure.
 */
export function enqueueValidation(
  services: { jobs: JobsService; marketplaceConfig: MarketplaceConfig; tenantId: string; tx: TransactionSql },
  versionId: string,
): Promise<string> {
  const { validationMaxAttempts, validationRetryDelaySeconds } = services.marketplaceConfig
  return services.jobs.enqueue(
    services.tx,
    validateVersionJobName,
    services.tenantId,
    { version_id: versionId, attempts: validationMaxAttempts } satisfies ValidateVersionData,
    {
      id: versionId,
      retryLimit: validationMaxAttempts,
      retryDelaySeconds: validationRetryDelaySeconds,
      expireInSeconds: validationAttemptSeconds,
    },
  )
}

export const validateVersionJob: JobHandler<ValidateVersionData> = {
  name: validateVersionJobName,
  // enqueueValidation sets the attempts and delay from MARKETPLACE_VALIDATION_*; these are the fallbacks.
  retryLimit: 3,
  retryDelaySeconds: 5,
  expireInSeconds: validationAttemptSeconds,
  handle,
}
