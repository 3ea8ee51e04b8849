// Rate limits on the HTTP side: which quota applies, the headers every limited response carries, and
// the 429 when a quota is spent.
import type { ErrorRequestHandler, RequestHandler, Response } from 'express'
import type { Config } from '../config.js'
import { appError, type DomainError } from '../errors/domain-errors.js'
import type { Metrics } from '../observability/metrics.js'
import type { Decision, Quota, RateLimits } from './rate-limits.js'
import type { TenantSettings, TenantSettingsCache } from './tenant-settings.js'

export type QuotaName = 'requests' | 'runs'

export function quotaFor(name: QuotaName, config: Config, settings: TenantSettings): Quota {
  const { rateLimits } = config
  const limit =
    name === 'runs'
      ? (settings.runRateLimitRequests ?? rateLimits.runs)
      : (settings.rateLimitRequests ?? rateLimits.requests)
  return { limit, windowSeconds: rateLimits.windowSeconds }
}

const seconds = (ms: number) => Math.ceil(ms / 1000)

/** X-RateLimit-* for the tightest quota, and the IETF RateLimit-Policy / RateLimit fields for each. */
export function setRateLimitHeaders(res: Response, decisions: { name: string; decision: Decision }[]): void {
  if (decisions.length === 0) return
  const tightest = decisions.reduce((a, b) => (b.decision.remaining < a.decision.remaining ? b : a)).decision
  res.set({
    'X-RateLimit-Limit': String(tightest.limit),
    'X-RateLimit-Remaining': String(tightest.remaining),
    'X-RateLimit-Reset': String(seconds(tightest.resetMs)),
    'RateLimit-Policy': decisions
      .map(({ name, decision }) => `"${name}";q=${decision.limit};w=${decision.windowSeconds}`)
      .join(', '),
    RateLimit: decisions
      .map(({ name, decision }) => `"${name}";r=${decision.remaining};t=${seconds(decision.resetMs)}`)
      .join(', '),
  })
}

/**
 * The rate-limit fields of a 429 whose quota set none on the response (failed authentications, counted per
 * address before any tenant quota): the spent quota, from the problem's details.
 */
export function spentQuotaHeaders(details: Record<string, unknown>): Record<string, string> {
  const { quota, limit, window_seconds: window, retry_after_seconds: retry } = details
  return {
    'X-RateLimit-Limit': String(limit),
    'X-RateLimit-Remaining': '0',
    'X-RateLimit-Reset': String(retry),
    'RateLimit-Policy': `"${String(quota)}";q=${String(limit)};w=${String(window)}`,
    RateLimit: `"${String(quota)}";r=0;t=${String(retry)}`,
  }
}

export const rateLimitExceeded = (name: string, decision: Decision) =>
  appError(
    'RATE_LIMIT_EXCEEDED',
    `The ${name} quota of ${decision.limit} per ${decision.windowSeconds} s is spent.`,
    {
      quota: name,
      limit: decision.limit,
      window_seconds: decision.windowSeconds,
      retry_after_seconds: Math.max(seconds(decision.resetMs), 1),
    },
  )

export interface LimitDeps {
  config: Config
  rateLimits: RateLimits
  settings: TenantSettingsCache
  metrics: Pick<Metrics, 'recordRateLimitDecision'>
}

/** Consumes one unit of a quota and counts the decision: allowed, refused, or unavailable (store down). */
async function decide(
  { rateLimits, metrics }: Pick<LimitDeps, 'rateLimits' | 'metrics'>,
  quota: string,
  key: string,
  limits: Quota,
): Promise<Decision> {
  let decision: Decision
  try {
    decision = await rateLimits.consume(quota, key, limits)
  } catch (error) {
    metrics.recordRateLimitDecision(quota, 'unavailable')
    throw error
  }
  metrics.recordRateLimitDecision(quota, decision.allowed ? 'allowed' : 'refused')
  return decision
}

type Decided = { name: string; decision: Decision }

/** Adds the decisions to the request's, sets the headers, and answers 429 when one refused it. */
function applyDecisions(res: Response, made: Decided[]): DomainError | undefined {
  const decisions = [...((res.locals.rateLimits as Decided[]) ?? []), ...made]
  res.locals.rateLimits = decisions
  setRateLimitHeaders(res, decisions)
  const refused = made.find(({ decision }) => !decision.allowed)
  return refused && rateLimitExceeded(refused.name, refused.decision)
}

/**
 * Deferred `requests` counts. An operation that draws on a second quota (x-rate-limit-quota: runs) has its
 * request counted with that quota at the route, in one Redis call (consumeInTurn: `requests`, then the other
 * only when admitted), instead of here and again there. Its request counts exactly as any other: one that
 * fails on its way to the route (400, 406, 413, 415) is counted by countDeferredRequests, whose 429 then takes
 * precedence, as it did when the count came before the body was read.
 */
const requestsDeferred = (res: Response): boolean => res.locals.requestsCount === 'deferred'

/** Marks the request's `requests` count as deferred to its route's quota (mounted on those routes only). */
export const deferRequestsCount: RequestHandler = (_req, res, next) => {
  res.locals.requestsCount = 'deferred'
  next()
}

/** Counts the request against one of the tenant's quotas; the tenant comes from authentication. */
export function limitTenant(name: QuotaName, deps: LimitDeps): RequestHandler {
  const { config, settings, rateLimits, metrics } = deps
  return (_req, res, next) => {
    if (name === 'requests' && requestsDeferred(res)) return next()
    const tenantId = res.locals.tenantId as string
    const deferred = name !== 'requests' && requestsDeferred(res)
    if (deferred) res.locals.requestsCount = 'counted'
    settings
      .get(tenantId)
      .then(async (tenantSettings): Promise<Decided[]> => {
        const quota = quotaFor(name, config, tenantSettings)
        if (!deferred) return [{ name, decision: await decide(deps, name, tenantId, quota) }]
        const requests = { name: 'requests', quota: quotaFor('requests', config, tenantSettings) }
        let made: Decision[]
        try {
          made = await rateLimits.consumeInTurn(tenantId, requests, { name, quota })
        } catch (error) {
          metrics.recordRateLimitDecision('requests', 'unavailable')
          throw error
        }
        return made.map((decision, i) => {
          const quotaName = i === 0 ? 'requests' : name
          metrics.recordRateLimitDecision(quotaName, decision.allowed ? 'allowed' : 'refused')
          return { name: quotaName, decision }
        })
      })
      .then((made) => next(applyDecisions(res, made)), next)
  }
}

/**
 * An error handler, before the problem handler: counts the `requests` quota of a request that failed before
 * its deferred count was made (deferRequestsCount), with its headers; a 429 replaces the error.
 */
export function countDeferredRequests(deps: LimitDeps): ErrorRequestHandler {
  const { config, settings } = deps
  return (error: unknown, _req, res, next) => {
    if (!requestsDeferred(res)) return next(error)
    res.locals.requestsCount = 'counted'
    const tenantId = res.locals.tenantId as string
    settings
      .get(tenantId)
      .then((tenantSettings) =>
        decide(deps, 'requests', tenantId, quotaFor('requests', config, tenantSettings)),
      )
      .then((decision) => next(applyDecisions(res, [{ name: 'requests', decision }]) ?? error), next)
  }
}

const authFailureQuota = (config: Config): Quota => ({
  limit: config.rateLimits.authFailures,
  windowSeconds: config.rateLimits.windowSeconds,
})

/** Counts failed authentications per client address; past the limit they are answered 429, not 401. */
export function authFailureGuard(deps: Pick<LimitDeps, 'config' | 'rateLimits' | 'metrics'>) {
  const quota = authFailureQuota(deps.config)
  return async (clientAddress: string, invalid: DomainError): Promise<DomainError> => {
    const decision = await decide(deps, 'auth-failures', clientAddress, quota)
    return decision.allowed ? invalid : rateLimitExceeded('authentication failures', decision)
  }
}

/**
 * A 429 when the address has used up its failed authentications for the window, counting nothing; else
 * undefined. For credentials that must not be tried past the limit at all (the admin token).
 */
export function authFailureLockout(deps: Pick<LimitDeps, 'config' | 'rateLimits'>) {
  const quota = authFailureQuota(deps.config)
  return async (clientAddress: string): Promise<DomainError | undefined> => {
    const state = await deps.rateLimits.peek('auth-failures', clientAddress, quota)
    return state.allowed && state.remaining > 0
      ? undefined
      : rateLimitExceeded('authentication failures', state)
  }
}
