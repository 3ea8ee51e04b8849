// `npm run tenant -- create NAME`                    creates a tenant and prints its new API key, once
// `npm run tenant -- set-limits TENANT_ID [--requests N] [--runs N] [--monthly-tokens N] [--monthly-cost USD]`
//                                                    sets its quotas and budgets (`none` clears one)
import { parseArgs } from 'node:util'
import { loadConfig } from '../config.js'
import { createLogger } from '../logger.js'
import { locateDatabase } from '../database.js'
import { createPool, type Sql } from '../../db/client.js'
import { createTenant, setTenantLimits, type TenantLimits } from '../admin/tenants.repo.js'

const usage = [
  'usage: npm run tenant -- create NAME   (NAME: 1..100 characters)',
  '       npm run tenant -- set-limits TENANT_ID [--requests N] [--runs N] [--monthly-tokens N] [--monthly-cost USD]',
].join('\n')

class UsageError extends Error {}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function limitValue(flag: string, raw: string | undefined, integer: boolean): number | null | undefined {
  if (raw === undefined) return undefined
  if (raw === 'none') return null
  const value = Number(raw)
  if (!(value > 0) || (integer && !Number.isInteger(value))) {
    throw new UsageError(`--${flag} must be a positive ${integer ? 'integer' : 'number'} or none`)
  }
  return value
}

function parseLimits(args: string[]): { tenantId: string; limits: TenantLimits } {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      requests: { type: 'string' },
      runs: { type: 'string' },
      'monthly-tokens': { type: 'string' },
      'monthly-cost': { type: 'string' },
    },
  })
  const tenantId = positionals[0]
  if (!tenantId || !uuid.test(tenantId)) throw new UsageError('set-limits needs a tenant id (a UUID)')
  return {
    tenantId,
    limits: {
      rateLimitRequests: limitValue('requests', values.requests, true),
      runRateLimitRequests: limitValue('runs', values.runs, true),
      monthlyTokenBudget: limitValue('monthly-tokens', values['monthly-tokens'], true),
      monthlyCostBudgetUsd: limitValue('monthly-cost', values['monthly-cost'], false),
    },
  }
}

async function withOwner<T>(fn: (owner: Sql) => Promise<T>): Promise<T> {
  const config = loadConfig()
  const database = await locateDatabase(config, createLogger({ logLevel: 'warn' }))
  try {
    if (!database.ownerUrl)
      throw new UsageError('DATABASE_OWNER_URL must be set: tenants are managed by the owner role.')
    const owner = createPool(database.ownerUrl, {
      max: 1,
      connectTimeoutSeconds: config.dbConnectTimeoutSeconds,
    })
    try {
      return await fn(owner)
    } finally {
      await owner.end({ timeout: 5 })
    }
  } finally {
    await database.close()
  }
}

async function main([command, ...args]: string[]): Promise<number> {
  if (command === 'create') {
    const name = args.join(' ').trim()
    if (name.length < 1 || name.length > 100) throw new UsageError('create needs a NAME of 1..100 characters')
    const tenant = await withOwner((owner) => createTenant(owner, name))
    process.stdout.write(
      `Created tenant "${tenant.name}" (${tenant.tenantId}).\nAPI key (shown once, store it now): ${tenant.apiKey}\n`,
    )
    return 0
  }
  if (command === 'set-limits') {
    const { tenantId, limits } = parseLimits(args)
    if (!(await withOwner((owner) => setTenantLimits(owner, tenantId, limits)))) {
      process.stderr.write(`No tenant ${tenantId}.\n`)
      return 1
    }
    process.stdout.write(
      `Limits of ${tenantId} updated (processes pick them up within TENANT_SETTINGS_CACHE_MS).\n`,
    )
    return 0
  }
  throw new UsageError('unknown command')
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const usageError =
      error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    process.stderr.write(
      `${error instanceof Error ? error.message : String(error)}\n${usageError ? `${usage}\n` : ''}`,
    )
    process.exit(usageError ? 2 : 1)
  },
)
