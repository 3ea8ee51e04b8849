// `npm run audit:rls` must not vouch for a database it cannot judge: on one with migrations pending (an
// empty one first) or with no tenant table at all it used to print an empty report, "Findings: None", exit
// 0, and with --write overwrite the committed report with empty tables. The real CLI, on scratch databases.
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { expect } from 'chai'
import { createPool } from '../../db/client.js'
import { migrate, migrationsTable, shippedMigrations } from '../../db/migrate.js'
import { plugins } from '../../plugins/index.js'
import { createScratchDatabase, type ScratchDatabase } from '../helpers/scratch-database.js'

const run = promisify(execFile)

interface Outcome {
  code: number
  stdout: string
  stderr: string
}

const auditCli = (db: ScratchDatabase, args: string[]): Promise<Outcome> =>
  run(process.execPath, ['--import', 'tsx', 'app/cli/audit-rls.ts', ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: db.appUrl,
      DATABASE_OWNER_URL: db.ownerUrl,
      LOG_LEVEL: 'silent',
    },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: Outcome) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  )

describe('npm run audit:rls on a database it cannot vouch for', function () {
  this.timeout(60_000)
  const committed = '# Row-level security report\n\nthe committed one\n'
  let folder: string
  let report: string
  const databases: ScratchDatabase[] = []

  before(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'map-audit-cli-'))
    report = path.join(folder, 'rls-report.md')
  })
  beforeEach(() => writeFileSync(report, committed))
  after(async () => {
    await Promise.all(databases.map((db) => db.drop()))
    rmSync(folder, { recursive: true, force: true })
  })

  const scratch = async () => {
    const db = await createScratchDatabase('map_audit_cli')
    databases.push(db)
    return db
  }

  /** Exit 2, one line on stderr naming why, no report printed, and the file left as it was. */
  const expectRefusal = (outcome: Outcome, reason: RegExp) => {
    expect(outcome.code, outcome.stderr).to.equal(2)
    expect(outcome.stderr.trimEnd().split('\n'), 'stderr lines').to.have.length(1)
    expect(outcome.stderr).to.match(reason)
    expect(outcome.stdout).to.equal('')
    expect(readFileSync(report, 'utf8'), 'the report file').to.equal(committed)
  }

  it('refuses an unmigrated database, naming the first pending migration, and writes nothing', async () => {
    const outcome = await auditCli(await scratch(), ['--write', report])
    const first = shippedMigrations(plugins)[0]!
    expectRefusal(outcome, new RegExp(`^audit:rls: \\d+ migration\\(s\\) not applied \\(first: ${first}\\)`))
  })

  it('refuses a database whose migrations all ran but that has no tenant table, and writes nothing', async () => {
    const db = await scratch()
    // A migrations log claiming everything, over an empty schema (a restore gone wrong, another database).
    const owner = createPool(db.ownerUrl, { max: 1, connectTimeoutSeconds: 5 })
    try {
      await owner.unsafe(
        `create table ${migrationsTable} (id serial primary key, name text not null, run_on timestamp)`,
      )
      for (const name of shippedMigrations(plugins))
        await owner`insert into ${owner(migrationsTable)} (name, run_on) values (${name}, now())`
    } finally {
      await owner.end({ timeout: 5 })
    }
    expectRefusal(await auditCli(db, ['--write', report]), /^audit:rls: no table with a tenant_id in schemas/)
  })

  it('audits and writes the report once every migration has run', async () => {
    const db = await scratch()
    await migrate({ ownerUrl: db.ownerUrl, plugins })
    const outcome = await auditCli(db, ['--write', report])
    expect(outcome.code, outcome.stderr).to.equal(0)
    expect(outcome.stdout).to.include('| tools | map_owner | yes | yes | yes |')
    expect(readFileSync(report, 'utf8')).to.equal(outcome.stdout)
  })
})
