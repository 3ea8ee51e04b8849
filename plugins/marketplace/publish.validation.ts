// The validation of a version, as a background job (plugins/jobs): read the version, run every check
// outside any transaction (the sandbox, the mock model), then write the outcome in one short transaction:
// `published` when every check passed (the listing too, with its first version), `rejected` otherwise,
// with the report. Only a version still `validating` is written, so a repeated attempt changes nothing.
//
// Never stuck in `validating`: an attempt that throws (the platform failing, not the package) is retried;
// on the last attempt the failure is recorded instead, the version rejected with one `validation_failed`
// entry. A last attempt that follows one which ran out of time (its worker died, or the checks hung)
// records that at once rather than risk the same again.
import type { Egress } from '../../app/plugin-kit.js'
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

export interface ValidateVersionData {
  version_id: string
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
const validationFailed = (job: Job, why: string): VersionCheck[] => [
  {
    check: 'validation_failed',
    passed: false,
    message: `The validation could not complete after ${job.attempt} attempt(s) (${why}); publish the version again.`,
  },
]

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

  let report: VersionCheck[]
  if (job.isLastAttempt && job.previousFailure?.reason === 'expired') {
    report = validationFailed(job, 'an attempt ran out of time')
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
      if (!job.isLastAttempt) {
        metrics.recordValidation('retried', (performance.now() - started) / 1000)
        throw error
      }
      cradle.logger.error({ err: error, versionId: version.id }, 'marketplace validation failed')
      report = validationFailed(job, errorName(error))
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

export const validateVersionJob: JobHandler<ValidateVersionData> = {
  name: validateVersionJobName,
  // The enqueue sets the attempts and delay from MARKETPLACE_VALIDATION_*; these are the fallbacks.
  retryLimit: 2,
  retryDelaySeconds: 5,
  // A validation compiles and runs a few tools and prompts: minutes would mean it hangs.
  expireInSeconds: 300,
  handle,
}
