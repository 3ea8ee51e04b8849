// Truncation of the audit log (security review, issue 13, finding 9): deleting the newest events of a chain
// leaves a chain that verifies. Anchors (each chain's head, HMAC-signed with a key outside the database,
// appended to a file) make it a break that `npm run admin -- audit verify --anchors FILE` reports.
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { expect } from 'chai'
import { makeAdminService } from '../../app/admin/admin.service.js'
import { testStack } from '../harness/stack.js'

const run = promisify(execFile)
const anchorKey = 'anchor-key-for-tests-0123456789abcdef'

/** `npm run admin -- audit ...`; resolves with the exit code and output, whatever the code. */
const audit = (args: string[], env: Record<string, string> = { AUDIT_ANCHOR_KEY: anchorKey }) =>
  run(process.execPath, ['--import', 'tsx', 'app/cli/admin.ts', 'audit', ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: testStack().database.appUrl,
      DATABASE_ADMIN_URL: testStack().database.adminUrl,
      LOG_LEVEL: 'silent',
      ...env,
    },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  )

describe('audit anchors', function () {
  this.timeout(60_000)
  let folder: string
  before(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'map-anchors-'))
  })
  after(() => rmSync(folder, { recursive: true, force: true }))

  it('reports a chain whose newest events the database owner deleted, which the hash chain alone calls intact', async () => {
    const admin = makeAdminService(testStack().adminSql)
    const actor = { name: 'anchor-test' }
    const { tenant } = await admin.createTenant(actor, 'anchored')
    for (let i = 0; i < 3; i++) await admin.updateTenant(actor, tenant.id, { name: `anchored-${i}` })
    const file = path.join(folder, 'anchors.jsonl')

    const anchored = await audit(['anchor', '--out', file])
    expect(anchored.code, anchored.stderr).to.equal(0)
    expect(statSync(file).mode & 0o777).to.equal(0o600)
    const lines = readFileSync(file, 'utf8').trim().split('\n')
    const mine = lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((anchor) => anchor.tenant_id === tenant.id)
    expect(mine).to.have.length(1)
    expect(mine[0]).to.include({ seq: 4 }).and.to.have.keys('tenant_id', 'seq', 'hash', 'anchored_at', 'mac')
    const before = await audit(['verify', '--anchors', file])
    expect(before.stdout).not.to.include(`BROKEN chain ${tenant.id}`)

    // As the superuser (the owner could do the same): the newest two events go.
    await testStack().superSql`delete from audit_events where tenant_id = ${tenant.id} and seq >= 3`
    const chains = await admin.verifyAudit()
    expect(
      chains.breaks.filter((b) => b.tenant_id === tenant.id),
      'the hash chain alone',
    ).to.deep.equal([])

    const after = await audit(['verify', '--anchors', file])
    expect(after.code).to.equal(1)
    expect(after.stdout).to.include(
      `BROKEN chain ${tenant.id} at seq 4: truncated (anchored at seq 4; the chain now ends at seq 2)`,
    )
  })

  it('reports a rewritten head, and an anchor line not signed with the key', async () => {
    const admin = makeAdminService(testStack().adminSql)
    const { tenant } = await admin.createTenant({ name: 'anchor-test' }, 'rewritten')
    const file = path.join(folder, 'rewritten.jsonl')
    expect((await audit(['anchor', '--out', file])).code).to.equal(0)
    await testStack().superSql`
      update audit_events set hash = sha256('rewritten'::bytea) where tenant_id = ${tenant.id} and seq = 1`
    // Someone without the key adds a line claiming a shorter head for another chain.
    const forged = { ...(JSON.parse(readFileSync(file, 'utf8').split('\n')[0]!) as object), seq: 999_999 }
    writeFileSync(file, `${JSON.stringify(forged)}\n`, { flag: 'a' })
    const result = await audit(['verify', '--anchors', file])
    expect(result.code).to.equal(1)
    expect(result.stdout).to.include(`BROKEN chain ${tenant.id} at seq 1: anchor_mismatch`)
    expect(result.stdout).to.match(/BROKEN anchor .*rewritten\.jsonl:\d+: bad_signature/)
  })

  it('refuses to anchor or check anchors without AUDIT_ANCHOR_KEY, as a usage error', async () => {
    const file = path.join(folder, 'nokey.jsonl')
    for (const args of [
      ['anchor', '--out', file],
      ['verify', '--anchors', file],
    ]) {
      const result = await audit(args, {})
      expect(result.code, args.join(' ')).to.equal(2)
      expect(result.stderr).to.include('AUDIT_ANCHOR_KEY must be set')
    }
  })
})
