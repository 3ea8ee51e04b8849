// The `jobs` service: the handlers every plugin contributed (checked at boot), pg-boss over the app's pool,
// and enqueue in the caller's transaction.
import PgBoss from 'pg-boss'
import {
  tenantOfTransaction,
  type Cradle,
  type PendingStatement,
  type TransactionSql,
} from '../../app/plugin-kit.js'
import { deferredDb, poolDb, transactionDb } from './pgboss-db.js'
import { queueName, type StoredJobData } from './jobs.repo.js'
import type { EnqueueOptions, JobHandler, Jobs } from './jobs.types.js'

const handlerName = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/
export const handlerDefaults = { retryLimit: 2, retryDelaySeconds: 5, expireInSeconds: 900 } as const

export interface JobsService extends Jobs {
  /** pg-boss, not started: the lifecycle hook starts its maintenance (expiry, retries, archive). */
  readonly boss: PgBoss
}

export function makeJobs({ extensions, sql, jobsConfig, logger }: Cradle): JobsService {
  const handlers = new Map<string, JobHandler>()
  const owners = new Map<string, string>()
  for (const { pluginId, value } of extensions.entries('jobHandlers')) {
    if (!handlerName.test(value.name)) {
      throw new Error(
        `Plugin "${pluginId}" contributes the job handler "${value.name}": name it <plugin>.<job>, in lower case`,
      )
    }
    const previous = owners.get(value.name)
    if (previous) {
      throw new Error(`The job handler "${value.name}" is contributed by "${previous}" and "${pluginId}"`)
    }
    owners.set(value.name, pluginId)
    handlers.set(value.name, value)
  }
  const boss = new PgBoss({
    db: poolDb(sql),
    schema: 'pgboss',
    // The migration role made the schema (plugins/jobs/migrations): the app role runs no DDL. start() still
    // checks the schema's version is the one this pg-boss expects.
    migrate: false,
    schedule: false,
    supervise: true,
    maintenanceIntervalSeconds: jobsConfig.maintenanceIntervalSeconds,
  })
  boss.on('error', (err) => logger.warn({ err }, 'job queue maintenance failed'))

  /** The handler named so, and the check that tx is the tenant's own work. */
  const checked = (tx: TransactionSql, name: string, tenantId: string): JobHandler => {
    const handler = handlers.get(name)
    if (!handler)
      throw new Error(`No job handler is named "${name}" (known: ${[...handlers.keys()].join(', ')})`)
    // The job runs as tenantId: it must be enqueued by that tenant's own work, never another's (a transaction
    // inTenantTransaction pinned to it; known without asking the database).
    if (tenantOfTransaction(tx) !== tenantId) {
      throw new Error('jobs.enqueue: the transaction is not pinned to the tenant the job is for')
    }
    return handler
  }
  const sendOptions = (handler: JobHandler, options: EnqueueOptions) => ({
    ...(options.id === undefined ? {} : { id: options.id }),
    ...(options.priority === undefined ? {} : { priority: options.priority }),
    ...(options.startAfterSeconds === undefined ? {} : { startAfter: options.startAfterSeconds }),
    retryLimit: options.retryLimit ?? handler.retryLimit ?? handlerDefaults.retryLimit,
    retryDelay: options.retryDelaySeconds ?? handler.retryDelaySeconds ?? handlerDefaults.retryDelaySeconds,
    retryBackoff: true,
    expireInSeconds: options.expireInSeconds ?? handler.expireInSeconds ?? handlerDefaults.expireInSeconds,
  })

  const enqueue = async (
    tx: TransactionSql,
    name: string,
    tenantId: string,
    data: object,
    options: EnqueueOptions = {},
  ): Promise<string> => {
    const handler = checked(tx, name, tenantId)
    const stored: StoredJobData = { handler: name, tenant_id: tenantId, data }
    const id = await boss.send(queueName, stored, { ...sendOptions(handler, options), db: transactionDb(tx) })
    if (id) return id
    // null: a job with this id exists already (ON CONFLICT DO NOTHING), so enqueueing it again added nothing.
    if (options.id) return options.id
    throw new Error(`jobs.enqueue: pg-boss stored no job for "${name}"`)
  }

  const enqueueAtCommit = async (
    tx: TransactionSql,
    name: string,
    tenantId: string,
    data: object,
    options: EnqueueOptions & { id: string },
  ): Promise<{ statement: PendingStatement }> => {
    const handler = checked(tx, name, tenantId)
    const stored: StoredJobData = { handler: name, tenant_id: tenantId, data }
    const held = deferredDb(tx, options.id)
    await boss.send(queueName, stored, { ...sendOptions(handler, options), db: held.db })
    return { statement: held.statement() }
  }
  return { enqueue, enqueueAtCommit, handlers, boss }
}
