// The publishing side's Prometheus metrics, in the app's registry (GET /metrics). Labels are fixed sets of
// outcomes: never a tenant, a listing or a version.
import { Counter, Histogram } from 'prom-client'
import type { Cradle } from '../../app/plugin-kit.js'

/**
 * published / rejected: the version was judged; failed: the validation itself failed on its last attempt,
 * or its job was lost and the sweep rejected it (the version rejected with validation_failed); retried: an
 * attempt failed and another will follow.
 */
export type ValidationOutcome = 'published' | 'rejected' | 'failed' | 'retried'

export interface PublishMetrics {
  /** One validation's outcome and how long its attempt took (none: no attempt ran, the sweep's rejection). */
  recordValidation(outcome: ValidationOutcome, seconds?: number): void
  /** A version became published (the listing's first or a later one). */
  recordPublication(): void
  recordDownload(): void
}

export function makePublishMetrics({ metrics }: Pick<Cradle, 'metrics'>): PublishMetrics {
  const registers = [metrics.registry]
  const validations = new Counter({
    name: 'marketplace_validations_total',
    help: 'Validation attempts of marketplace versions, by outcome (published, rejected, failed, retried).',
    labelNames: ['outcome'] as const,
    registers,
  })
  const duration = new Histogram({
    name: 'marketplace_validation_duration_seconds',
    help: 'How long a validation attempt of a marketplace version took, by outcome.',
    labelNames: ['outcome'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers,
  })
  const publications = new Counter({
    name: 'marketplace_publications_total',
    help: 'Marketplace versions published (every check of their validation passed).',
    registers,
  })
  const downloads = new Counter({
    name: 'marketplace_downloads_total',
    help: 'Marketplace packages downloaded (GET .../versions/{version}/package answered 200).',
    registers,
  })
  return {
    recordValidation: (outcome, seconds) => {
      validations.inc({ outcome })
      if (seconds !== undefined) duration.observe({ outcome }, seconds)
    },
    recordPublication: () => publications.inc(),
    recordDownload: () => downloads.inc(),
  }
}
