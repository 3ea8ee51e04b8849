// `npm run audit:scale` prints where each table would live when the database is sharded by tenant (Citus),
// with its keys, and exits 1 with one line per finding: a tenant table whose primary key, unique keys or
// foreign keys do not lead with tenant_id, and the like (db/audit/scale-audit.ts). `-- --write FILE` also
// writes the report as markdown.
import { writeFileSync } from 'node:fs'
import { auditScale, renderScaleReport } from '../../db/audit/scale-audit.js'
import { scaleAuditOptions } from '../../db/audit/options.js'
import { createPool } from '../../db/client.js'
import { loadConfig } from '../config.js'
import { locateDatabase } from '../database.js'
import { createLogger } from '../logger.js'

async function main(args: string[]): Promise<number> {
  const writeIndex = args.indexOf('--write')
  const target = writeIndex >= 0 ? args[writeIndex + 1] : undefined
  const config = loadConfig()
  const database = await locateDatabase(config, createLogger({ logLevel: 'warn' }))
  const sql = createPool(database.ownerUrl ?? database.appUrl, {
    max: 2,
    connectTimeoutSeconds: config.dbConnectTimeoutSeconds,
  })
  try {
    const result = await auditScale(sql, scaleAuditOptions)
    const report = renderScaleReport(result)
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
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(2)
  },
)
