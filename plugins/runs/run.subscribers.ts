// Run events as the seam between plugins (issue 19): a plugin reacts to runs by contributing subscribers to
// the `runEventSubscribers` extension point. When a run's log appends an event some subscriber wants, the
// same transaction enqueues one `runs.deliver-event` job per (subscriber, event), with an id derived from
// both: the job exists only if the append commits, and enqueueing it again adds nothing. The job reads the
// event back from the log in a transaction of the run's tenant and calls the subscriber; a throw fails that
// attempt only (the queue retries it with backoff), never the run nor the other subscribers' jobs.
// See plugins/README.md, "Reacting to runs".
import { createHash } from 'node:crypto'
import type { Cradle } from '../../app/plugin-kit.js'
import type { JobHandler, JobServices } from '../jobs/jobs.types.js'
import type { EventRow } from './events.repo.js'
import { runEventTypes, type RunEventType, type RunEvents } from './run.events.js'

/** One event of a run's log, as a subscriber gets it. */
export type RunEvent<T extends RunEventType = RunEventType> = {
  [K in T]: {
    /** `<execution id>:<seq>`: the same on every delivery of this event; dedupe on it. */
    id: string
    tenantId: string
    executionId: string
    /** The event's place in its run's log (from 1). */
    seq: number
    type: K
    data: RunEvents[K]
    createdAt: Date
  }
}[T]

export interface RunEventSubscriber<T extends RunEventType = RunEventType> {
  /** Unique across plugins; start it with your plugin's id (`example-notes.on-failure`). */
  name: string
  /** The event types it is delivered. */
  events: readonly T[]
  /**
   * Handles one event, after the transaction that logged it committed, at least once: a delivery may be
   * repeated (a retry, a worker lost mid-way), so make it idempotent on `event.id`. `services.inTransaction`
   * is pinned to the run's tenant. Throwing fails this delivery only; it is retried with backoff.
   */
  // A method, not a property: its parameter is then bivariant, so a RunEventSubscriber<'execution.failed'>
  // is a contribution to `runEventSubscribers` as it is.
  handle(event: RunEvent<T>, services: JobServices): Promise<void>
  /** Retries after the first attempt; default 4. */
  retryLimit?: number
  /** Seconds before the first retry, doubled each retry with jitter; default 5. */
  retryDelaySeconds?: number
  /**
   * Which of its `events` the run's tenant wants now (a subscriber that serves some tenants only: webhooks).
   * Asked once per run stretch, before its log is first written, beside statements the run sends anyway
   * (`services` are that transaction's, pinned to the tenant): in its first transaction, or, for a JSON run
   * under no budget, whose first transaction is one round trip with nothing to wait for, in its second. A
   * run sends no delivery job a tenant has no use for. Without it,
   * every run's events of `events` are delivered. A tenant that starts wanting an event meanwhile gets it
   * from the runs (and continuations) that start after.
   */
  interest?(services: Cradle): Promise<readonly string[]>
}

/** What the run's tenant wants of the subscribers that ask (interest): the types, by subscriber name. */
export type SubscriberInterest = ReadonlyMap<string, ReadonlySet<string>>

declare module '../../app/plugin-kit.js' {
  interface ExtensionPoints {
    /** Reacting to runs: `{ name, events: ['execution.failed'], handle(event, services) }`. */
    runEventSubscribers: RunEventSubscriber
  }
}

/** The job that delivers one event to one subscriber. */
export interface DeliveryJob {
  subscriber: string
  execution_id: string
  seq: number
}

export const deliverJobName = 'runs.deliver-event'
const subscriberName = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/
const deliveryDefaults = { retryLimit: 4, retryDelaySeconds: 5 } as const

/** A uuid fixed by (subscriber, execution, seq): the job's id, so a second enqueue of it adds nothing. */
export function deliveryJobId(subscriber: string, executionId: string, seq: number): string {
  const hex = createHash('sha256').update(`${subscriber}\n${executionId}\n${seq}`).digest('hex')
  // Shaped as a version-8 (custom) uuid, which pg-boss's uuid column takes.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

export function makeRunEventSubscribers({ extensions }: Pick<Cradle, 'extensions'>) {
  const byName = new Map<string, RunEventSubscriber>()
  const byType = new Map<string, RunEventSubscriber[]>()
  for (const { pluginId, value } of extensions.entries('runEventSubscribers')) {
    if (!subscriberName.test(value.name) || !value.name.startsWith(`${pluginId}.`)) {
      throw new Error(
        `Plugin "${pluginId}" contributes the run event subscriber "${value.name}": name it ${pluginId}.<name>, in lower case`,
      )
    }
    if (byName.has(value.name))
      throw new Error(`The run event subscriber "${value.name}" is contributed twice`)
    const unknown = value.events.filter((type) => !(runEventTypes as readonly string[]).includes(type))
    if (value.events.length === 0 || unknown.length > 0) {
      throw new Error(
        `The run event subscriber "${value.name}" must name event types among ${runEventTypes.join(', ')}` +
          (unknown.length > 0 ? ` (unknown: ${unknown.join(', ')})` : ''),
      )
    }
    byName.set(value.name, value)
    for (const type of new Set(value.events)) byType.set(type, [...(byType.get(type) ?? []), value])
  }
  const asking = [...byName.values()].filter((subscriber) => subscriber.interest !== undefined)
  /** A subscriber that asks is delivered what its tenant wants; unknown interest: everything it names. */
  const wants = (subscriber: RunEventSubscriber, type: string, interest: SubscriberInterest | undefined) =>
    subscriber.interest === undefined || !interest || (interest.get(subscriber.name)?.has(type) ?? true)
  return {
    /** The subscriber named so in this process (undefined: its plugin is gone). */
    find: (name: string) => byName.get(name),
    /**
     * What the run's tenant wants of the subscribers that declare `interest`, asked in services'
     * transaction (their statements go out together); undefined when no subscriber asks.
     */
    async interestOf(services: Cradle): Promise<SubscriberInterest | undefined> {
      if (asking.length === 0) return undefined
      const answers = await Promise.all(asking.map((subscriber) => subscriber.interest!(services)))
      return new Map(asking.map((subscriber, i) => [subscriber.name, new Set(answers[i])]))
    },
    /**
     * Whether any subscriber wants any of these types (of the run's tenant, when its interest is known):
     * when none does, the log appends as it always did.
     */
    wantAny: (types: Iterable<string>, interest?: SubscriberInterest) => {
      if (byType.size === 0) return false
      for (const type of types) {
        if ((byType.get(type) ?? []).some((subscriber) => wants(subscriber, type, interest))) return true
      }
      return false
    },
    /**
     * Enqueues, in services' transaction, a delivery of each event to each subscriber of its type. The
     * jobs go out together (one round trip for all).
     */
    async enqueue(
      services: Pick<Cradle, 'tx' | 'tenantId' | 'jobs'>,
      executionId: string,
      events: readonly { seq: number; type: string }[],
      interest?: SubscriberInterest,
    ): Promise<void> {
      const sends: Promise<string>[] = []
      for (const { seq, type } of events) {
        for (const subscriber of byType.get(type) ?? []) {
          if (!wants(subscriber, type, interest)) continue
          const job: DeliveryJob = { subscriber: subscriber.name, execution_id: executionId, seq }
          sends.push(
            services.jobs.enqueue(services.tx, deliverJobName, services.tenantId, job, {
              id: deliveryJobId(subscriber.name, executionId, seq),
              retryLimit: subscriber.retryLimit ?? deliveryDefaults.retryLimit,
              retryDelaySeconds: subscriber.retryDelaySeconds ?? deliveryDefaults.retryDelaySeconds,
            }),
          )
        }
      }
      await Promise.all(sends)
    },
  }
}

export type RunEventSubscribers = ReturnType<typeof makeRunEventSubscribers>

const toRunEvent = (tenantId: string, executionId: string, row: EventRow): RunEvent =>
  ({
    id: `${executionId}:${row.seq}`,
    tenantId,
    executionId,
    seq: row.seq,
    type: row.type,
    data: row.data,
    createdAt: row.created_at,
  }) as RunEvent

/** Reads the event back from the log (the tenant's, RLS as always) and hands it to its subscriber. */
export const deliverEvent: JobHandler<DeliveryJob> = {
  name: deliverJobName,
  retryLimit: deliveryDefaults.retryLimit,
  retryDelaySeconds: deliveryDefaults.retryDelaySeconds,
  expireInSeconds: 300,
  async handle(job, services) {
    const { subscriber: name, execution_id: executionId, seq } = job.data
    const subscriber = services.cradle.runsEventSubscribers.find(name)
    if (!subscriber) {
      // Its plugin was removed (or is not loaded in this process): nobody is left to tell.
      services.cradle.logger.warn(
        { job: job.id, subscriber: name },
        'run event for an unknown subscriber dropped',
      )
      return { delivered: false, reason: 'unknown subscriber' }
    }
    const [row] = await services.inTransaction(({ runsEventsRepo }) =>
      runsEventsRepo.after(executionId, seq - 1, 1),
    )
    if (row?.seq !== seq) {
      // Gone since (the run deleted with its tenant, or past the log's retention): nothing to deliver.
      services.cradle.logger.warn({ job: job.id, subscriber: name, executionId, seq }, 'run event gone')
      return { delivered: false, reason: 'event gone' }
    }
    await subscriber.handle(toRunEvent(job.tenantId, executionId, row), services)
    return { delivered: true, event: `${executionId}:${seq}` }
  },
}
