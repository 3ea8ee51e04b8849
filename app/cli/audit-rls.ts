// `npm run audit:rls` prints the row-level-security report of the database (owner's connection) and exits
// 1 with one line per finding. `-- --write FILE` also writes the report as markdown.
// It refuses (exit 2, one line, nothing written) a database it cannot vouch for: one with migrations
// pending, or with no tenant table at all, whose empty report would read "Findings: None".
import { writeFileSync } from 'node:fs'
import { auditRls } from '../../db/audit/rls-audit.js'
import { renderReport } from '../../db/audit/report.js'
import { auditOptions, auditOptionsFor } from '../../db/audit/options.js'
import { createPool } from '../../db/client.js'
import { pendingMigrations } from '../../db/migrate.js'
import { plugins } from '../../plugins/index.js'
import { loadConfig } from '../config.js'
import { locateDatabase } from '../database.js'
import { createLogger } from '../logger.js'

class Refusal extends Error {}

async function main(args: string[]): Promise<number> {
  const writeIndex = args.indexOf('--write')
  const target = writeIndex >= 0 ? args[writeIndex + 1] : undefined
  const config = loadConfig()
  const database = await locateDatabase(config, createLogger({ logLevel: 'warn' }))
  const url = database.ownerUrl ?? database.appUrl
  const sql = createPool(url, { max: 2, connectTimeoutSeconds: config.dbConnectTimeoutSeconds })
  try {
    const pending = await pendingMigrations(sql, plugins)
    if (pending.length > 0)
      throw new Refusal(
        `audit:rls: ${pending.length} migration(s) not applied (first: ${pending[0]}); run npm run migrate first`,
      )
    const result = await auditRls(sql, auditOptionsFor(plugins))
    if (!result.tables.some((table) => table.hasTenantId))
      throw new Refusal(
        `audit:rls: no table with a tenant_id in schemas ${auditOptions.schemas.join(', ')}: not this service's database?`,
      )
    const report = renderReport(result, auditOptions.appRole)
    process.stdout.write(report)
    if (target) writeFileSync(target, report)
    for (const finding of result.findings) {
      process.stderr.write(`FINDING ${finding.kind} ${finding.object}: ${finding.message}\n`)
    }
    return result.findings.length === 0 ? 0 : 1
  } finally {
    await sql.end({ timeout: 5 })
    await database.close()
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    // One line: a refusal is its own message; anything else, its first line.
    const message = error instanceof Error ? error.message : String(error)
    process.stderr.write(`${error instanceof Refusal ? message : message.split('\n')[0]}\n`)
    process.exit(2)
  },
)
