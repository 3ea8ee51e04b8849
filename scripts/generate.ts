// `npm run generate`: rewrites every generated file from its sources and says what changed.
//   openapi.yaml        app/openapi.base.yaml and the spec fragments of the service's plugins (npm run spec)
//   clients/typescript/src/generated/openapi.ts  the typed client's types, from that openapi.yaml
//   docs/rls-report.md  the RLS audit of a database migrated with the service's plugins: a throwaway
//                       embedded PostgreSQL, so no database of yours is needed or touched
// `npm run generate -- --check` writes nothing and exits 1 when a file is stale (CI).
// Exits 1 too when the audit has findings: the report is written, and lists them.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { bundleSpec, projectRoot, renderSpec } from '../app/kernel/spec.js'
import { generatedTypesPath, renderClientTypes } from '../clients/typescript/scripts/render-types.js'
import { auditOptions, auditOptionsFor } from '../db/audit/options.js'
import { renderReport } from '../db/audit/report.js'
import { auditRls } from '../db/audit/rls-audit.js'
import { createPool } from '../db/client.js'
import { startEmbeddedPostgres } from '../db/embedded.js'
import { migrate } from '../db/migrate.js'
import { plugins } from '../plugins/index.js'

interface Generated {
  file: string
  text: string
  /** Why the run fails even once the file is written (audit findings). */
  problems?: string[]
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })

async function rlsReport(): Promise<Generated> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'map-generate-'))
  // As root, PostgreSQL runs as the 'postgres' user, which must be able to reach its data folder.
  chmodSync(folder, 0o755)
  const database = await startEmbeddedPostgres({
    dataDir: path.join(folder, 'pg'),
    port: await freePort(),
    ephemeral: true,
  })
  try {
    await migrate({ ownerUrl: database.ownerUrl, plugins })
    const sql = createPool(database.ownerUrl, { max: 2, connectTimeoutSeconds: 10 })
    try {
      const result = await auditRls(sql, auditOptionsFor(plugins))
      return {
        file: 'docs/rls-report.md',
        text: renderReport(result, auditOptions.appRole),
        problems: result.findings.map((f) => `FINDING ${f.kind} ${f.object}: ${f.message}`),
      }
    } finally {
      await sql.end({ timeout: 5 })
    }
  } finally {
    await database.stop()
    rmSync(folder, { recursive: true, force: true })
  }
}

/** Lines only in `after` and only in `before`, counted as multisets: enough to say how much changed. */
function lineChanges(before: string, after: string): { added: number; removed: number } {
  const counts = new Map<string, number>()
  for (const line of before.split('\n')) counts.set(line, (counts.get(line) ?? 0) + 1)
  let added = 0
  for (const line of after.split('\n')) {
    const left = counts.get(line) ?? 0
    if (left > 0) counts.set(line, left - 1)
    else added++
  }
  const removed = [...counts.values()].reduce((sum, n) => sum + n, 0)
  return { added, removed }
}

async function main(check: boolean): Promise<number> {
  const spec = renderSpec(bundleSpec(plugins))
  const generated: Generated[] = [
    { file: 'openapi.yaml', text: spec },
    { file: path.relative(projectRoot, generatedTypesPath), text: await renderClientTypes(spec) },
    await rlsReport(),
  ]
  let changed = 0
  const problems: string[] = []
  for (const { file, text, problems: own = [] } of generated) {
    const target = path.join(projectRoot, file)
    const before = existsSync(target) ? readFileSync(target, 'utf8') : ''
    problems.push(...own)
    if (before === text) {
      process.stdout.write(`${file}: unchanged\n`)
      continue
    }
    changed++
    const { added, removed } = lineChanges(before, text)
    if (!check) writeFileSync(target, text)
    process.stdout.write(`${file}: ${check ? 'stale' : 'changed'} (+${added} -${removed} lines)\n`)
  }
  if (changed === 0) process.stdout.write('nothing changed\n')
  else if (check) process.stdout.write('run npm run generate\n')
  for (const problem of problems) process.stderr.write(`${problem}\n`)
  return (check && changed > 0) || problems.length > 0 ? 1 : 0
}

main(process.argv.includes('--check')).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`npm run generate: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(2)
  },
)
