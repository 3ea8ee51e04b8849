// The admin commands (`npm run admin`, `npm run tenant`), as map_admin (DATABASE_ADMIN_URL,
// or the embedded database). Every action is audited with actor "cli".
//   tenants list | create NAME | get ID | rename ID NAME | suspend ID | resume ID | delete ID
//   tenants set-quotas ID [--requests N] [--runs N] [--monthly-tokens N] [--monthly-cost USD]   (none clears)
//   keys list TENANT | create TENANT NAME [--expires-in-days N] | revoke TENANT KEY | rotate TENANT KEY [--grace-seconds N]
//   audit list [--tenant ID] [--limit N] | verify [--anchors FILE] | anchor [--out FILE]
//   secrets rotate-master   (SECRETS_MASTER_KEY the new key, SECRETS_MASTER_KEY_PREVIOUS the old one)
import { appendFileSync, readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { loadConfig, type Config } from '../config.js'
import { createLogger } from '../logger.js'
import { locateDatabase } from '../database.js'
import { createPool, type Sql } from '../../db/client.js'
import { makeSecretsKeyring } from '../../plugins/secrets/secrets.keyring.js'
import { rotateMasterKey } from '../../plugins/secrets/secrets.rotation.js'
import { anchorLines, checkAnchors, readAnchors, readChainHeads, signAnchors } from '../audit/anchors.js'
import {
  keyView,
  makeAdminService,
  tenantView,
  type AdminService,
  type TenantQuotas,
} from '../admin/admin.service.js'

export class UsageError extends Error {}

const usage = `usage: npm run admin -- <command>
  tenants list | create NAME | get ID | rename ID NAME | suspend ID | resume ID | delete ID
  tenants set-quotas ID [--requests N] [--runs N] [--monthly-tokens N] [--monthly-cost USD]   (none clears one)
  keys list TENANT | create TENANT NAME [--expires-in-days N] | revoke TENANT KEY | rotate TENANT KEY [--grace-seconds N]
  audit list [--tenant ID] [--limit N] | verify [--anchors FILE] | anchor [--out FILE]   (anchors: AUDIT_ANCHOR_KEY)
  secrets rotate-master   (re-encrypts under SECRETS_MASTER_KEY what SECRETS_MASTER_KEY_PREVIOUS made)`

const actor = { name: 'cli' }
const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`)

function positive(flag: string, raw: string | undefined, integer = true): number | null | undefined {
  if (raw === undefined) return undefined
  if (raw === 'none') return null
  const value = Number(raw)
  if (!(value > 0) || (integer && !Number.isInteger(value))) {
    throw new UsageError(
      `--${flag} must be a positive ${integer ? 'integer' : 'number'}${flag.startsWith('grace') ? '' : ' or none'}`,
    )
  }
  return value
}

const need = (value: string | undefined, what: string): string => {
  if (!value) throw new UsageError(`missing ${what}`)
  return value
}

async function tenants(
  service: AdminService,
  [verb, id, ...rest]: string[],
  flags: Record<string, string | undefined>,
) {
  switch (verb) {
    case 'list':
      return print((await service.listTenants(100, 0)).items.map(tenantView))
    case 'create': {
      const name = [id, ...rest].join(' ').trim()
      if (name.length < 1 || name.length > 100)
        throw new UsageError('create needs a NAME of 1..100 characters')
      const created = await service.createTenant(actor, name)
      process.stdout.write(`Created tenant "${created.tenant.name}" (${created.tenant.id}).\n`)
      process.stdout.write(`API key (shown once, store it now): ${created.apiKey}\n`)
      return
    }
    case 'get':
      return print(tenantView(await service.getTenant(need(id, 'ID'))))
    case 'rename':
      return print(
        tenantView(
          await service.updateTenant(actor, need(id, 'ID'), { name: need(rest.join(' ').trim(), 'NAME') }),
        ),
      )
    case 'suspend':
    case 'resume': {
      const status = verb === 'suspend' ? 'suspended' : 'active'
      return print(tenantView(await service.updateTenant(actor, need(id, 'ID'), { status })))
    }
    case 'delete':
      await service.deleteTenant(actor, need(id, 'ID'))
      return process.stdout.write(`Deleted tenant ${id}.\n`)
    case 'set-quotas': {
      const quotas: TenantQuotas = {
        rate_limit_requests: positive('requests', flags.requests),
        run_rate_limit_requests: positive('runs', flags.runs),
        monthly_token_budget: positive('monthly-tokens', flags['monthly-tokens']),
        monthly_cost_budget_usd: positive('monthly-cost', flags['monthly-cost'], false),
      }
      const changes = Object.fromEntries(Object.entries(quotas).filter(([, v]) => v !== undefined))
      if (Object.keys(changes).length === 0)
        throw new UsageError('set-quotas needs at least one of its options')
      return print(tenantView(await service.updateTenant(actor, need(id, 'ID'), changes)))
    }
    default:
      throw new UsageError(`unknown tenants command ${verb ?? ''}`)
  }
}

async function keys(
  service: AdminService,
  [verb, tenantId, arg]: string[],
  flags: Record<string, string | undefined>,
) {
  const tenant = need(tenantId, 'TENANT')
  switch (verb) {
    case 'list':
      return print((await service.listKeys(tenant)).map(keyView))
    case 'create': {
      const days = positive('expires-in-days', flags['expires-in-days'])
      const expiresAt = days ? new Date(Date.now() + days * 86_400_000) : null
      const created = await service.createKey(actor, tenant, need(arg, 'NAME'), expiresAt)
      print(keyView(created.key))
      return process.stdout.write(`API key (shown once, store it now): ${created.apiKey}\n`)
    }
    case 'revoke':
      return print(keyView(await service.revokeKey(actor, tenant, need(arg, 'KEY'))))
    case 'rotate': {
      const grace = flags['grace-seconds'] === undefined ? 0 : Number(flags['grace-seconds'])
      if (!Number.isInteger(grace) || grace < 0) throw new UsageError('--grace-seconds must be 0 or more')
      const rotated = await service.rotateKey(actor, tenant, need(arg, 'KEY'), grace)
      print({ new: keyView(rotated.key), previous: keyView(rotated.previous) })
      return process.stdout.write(`API key (shown once, store it now): ${rotated.apiKey}\n`)
    }
    default:
      throw new UsageError(`unknown keys command ${verb ?? ''}`)
  }
}

const anchorKey = (config: Config): string => {
  if (!config.auditAnchorKey)
    throw new UsageError(
      'AUDIT_ANCHOR_KEY must be set (the key that signs anchors, kept outside the database).',
    )
  return config.auditAnchorKey
}

const chainName = (tenantId: string | null) => tenantId ?? '(no tenant)'

/** Signs every chain's head; appends the anchors to --out (created 0600), or prints them. */
async function anchor(sql: Sql, config: Config, out: string | undefined): Promise<number> {
  const anchors = signAnchors(anchorKey(config), await readChainHeads(sql), new Date())
  if (!out) {
    process.stdout.write(anchorLines(anchors))
    return 0
  }
  appendFileSync(out, anchorLines(anchors), { mode: 0o600 })
  process.stdout.write(`Anchored ${anchors.length} chain(s) to ${out}.\n`)
  return 0
}

/** The breaks the anchors of FILE show: lines not signed with the key, chains truncated or rewritten. */
async function verifyAnchors(sql: Sql, config: Config, file: string): Promise<number> {
  const { anchors, bad } = readAnchors(anchorKey(config), readFileSync(file, 'utf8'))
  for (const line of bad) process.stdout.write(`BROKEN anchor ${file}:${line.line}: ${line.reason}\n`)
  const breaks = await checkAnchors(sql, anchors)
  for (const broken of breaks) {
    const now = broken.head_seq === null ? 'has no event left' : `ends at seq ${broken.head_seq}`
    process.stdout.write(
      `BROKEN chain ${chainName(broken.tenant_id)} at seq ${broken.seq}: ${broken.reason} (anchored at seq ${broken.seq}; the chain now ${now})\n`,
    )
  }
  process.stdout.write(
    `${anchors.length} anchor(s) checked: ${bad.length + breaks.length === 0 ? 'every anchored head holds' : 'BROKEN'}\n`,
  )
  return bad.length + breaks.length
}

/** Returns the exit code: 0, 1 when the audit log is broken, 2 for a usage error. */
async function audit(
  service: AdminService,
  sql: Sql,
  config: Config,
  [verb]: string[],
  flags: Record<string, string | undefined>,
): Promise<number> {
  if (verb === 'list') {
    const limit = positive('limit', flags.limit) ?? 20
    print((await service.listAuditEvents(Math.min(limit, 100), 0, flags.tenant)).items)
    return 0
  }
  if (verb === 'anchor') return anchor(sql, config, flags.out)
  if (verb !== 'verify') throw new UsageError(`unknown audit command ${verb ?? ''}`)
  // Checked first: a missing key or file is a usage error, before any verdict is printed.
  if (flags.anchors) anchorKey(config)
  const result = await service.verifyAudit()
  for (const broken of result.breaks) {
    process.stdout.write(
      `BROKEN chain ${chainName(broken.tenant_id)} at seq ${broken.seq} (event ${broken.event_id}): ${broken.reason}\n`,
    )
  }
  process.stdout.write(
    `${result.chains} chain(s), ${result.events} event(s): ${result.breaks.length === 0 ? 'intact' : 'BROKEN'}\n`,
  )
  const anchorBreaks = flags.anchors ? await verifyAnchors(sql, config, flags.anchors) : 0
  return result.breaks.length + anchorBreaks === 0 ? 0 : 1
}

export async function runAdminCommand(args: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: Object.fromEntries(
      [
        'requests',
        'runs',
        'monthly-tokens',
        'monthly-cost',
        'expires-in-days',
        'grace-seconds',
        'tenant',
        'limit',
        'anchors',
        'out',
      ].map((name) => [name, { type: 'string' as const }]),
    ),
  })
  const flags = values as Record<string, string | undefined>
  const [area, ...rest] = positionals
  if (!['tenants', 'keys', 'audit', 'secrets'].includes(area ?? '')) throw new UsageError('unknown command')
  const config = loadConfig()
  const database = await locateDatabase(config, createLogger({ logLevel: 'warn' }))
  try {
    if (!database.adminUrl)
      throw new UsageError('DATABASE_ADMIN_URL must be set: administration runs as map_admin.')
    const sql = createPool(database.adminUrl, {
      max: 2,
      connectTimeoutSeconds: config.dbConnectTimeoutSeconds,
    })
    try {
      const service = makeAdminService(sql)
      if (area === 'audit') return await audit(service, sql, config, rest, flags)
      if (area === 'secrets') return await secrets(sql, config, rest)
      await (area === 'tenants' ? tenants(service, rest, flags) : keys(service, rest, flags))
      return 0
    } finally {
      await sql.end({ timeout: 5 })
    }
  } finally {
    await database.close()
  }
}

/** Exit code 1 when a secret could not be re-encrypted (its key is not configured): run again with it. */
async function secrets(sql: Sql, config: Config, [verb]: string[]): Promise<number> {
  if (verb !== 'rotate-master') throw new UsageError(`unknown secrets command ${verb ?? ''}`)
  const { keyring, source } = makeSecretsKeyring({ config, logger: createLogger({ logLevel: 'warn' }) })
  if (!keyring || source !== 'configured')
    throw new UsageError(
      'SECRETS_MASTER_KEY (the new key) and SECRETS_MASTER_KEY_PREVIOUS (the old) must be set.',
    )
  // With the ciphertexts other plugins keep under the same keyring (webhooks' signing secrets).
  const { plugins } = await import('../../plugins/index.js')
  const columns = plugins.flatMap((plugin) => plugin.contributes?.encryptedSecrets ?? [])
  const report = await rotateMasterKey(sql, keyring, columns)
  print({ key_id: keyring.currentKeyId, ...report })
  return report.failed.length === 0 ? 0 : 1
}

export function exitWith(result: Promise<number>): void {
  result.then(
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
}
