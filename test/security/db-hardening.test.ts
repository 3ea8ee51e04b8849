// What the database refuses beyond RLS: plain-text password authentication, and the pg_catalog functions
// that work outside RLS and quotas (large objects) or across tenants (advisory locks). Attacks run as
// map_app with raw SQL, the way a compromised API process would.
import { expect } from 'chai'
import { appendApiAuditEvent } from '../../app/audit/audit.repo.js'
import { inTenantTransaction, type Sql } from '../../db/client.js'
import { hbaWithScram } from '../../db/embedded.js'
import { advisoryLockFunctions, largeObjectFunctions } from '../../db/roles.js'
import { testStack } from '../harness/stack.js'
import { createTestTenant } from '../helpers/api.js'

/** Runs `statement` in a transaction it rolls back; returns the SQLSTATE it failed with, if it did. */
async function failureOf(sql: Sql, statement: string): Promise<string | undefined> {
  const succeeded = new Error('succeeded: rolled back')
  try {
    await sql.begin(async (tx) => {
      await tx.unsafe(statement)
      throw succeeded
    })
  } catch (error) {
    if (error === succeeded) return undefined
    return (error as { code?: string }).code ?? String(error)
  }
  return undefined
}

const permissionDenied = '42501'

describe('database hardening', () => {
  describe('authentication', () => {
    it('authenticates every connection with scram-sha-256 (pg_hba.conf has no password, md5 or trust rule)', async () => {
      const rules = await testStack().superSql<{ type: string; auth_method: string; error: string | null }[]>`
        select type, auth_method, error from pg_hba_file_rules`
      expect(rules.length).to.be.above(0)
      for (const rule of rules) {
        expect(rule.error, JSON.stringify(rule)).to.equal(null)
        expect(rule.auth_method, JSON.stringify(rule)).to.equal('scram-sha-256')
      }
    })

    it('upgrades the pg_hba.conf of a folder initialised with password or md5 rules, and nothing else', () => {
      const before = [
        '# METHOD can be "trust", "reject", "md5", "password", "scram-sha-256"',
        'local   all             all                                     password',
        'host    all             all             127.0.0.1/32            md5 # loopback',
        'hostssl replication     all             ::1/128                 password',
        'host    all             all             10.0.0.0/8              reject',
        '',
      ].join('\n')
      expect(hbaWithScram(before)).to.equal(
        [
          '# METHOD can be "trust", "reject", "md5", "password", "scram-sha-256"',
          'local   all             all                                     scram-sha-256',
          'host    all             all             127.0.0.1/32            scram-sha-256 # loopback',
          'hostssl replication     all             ::1/128                 scram-sha-256',
          'host    all             all             10.0.0.0/8              reject',
          '',
        ].join('\n'),
      )
    })

    it("stores the roles' passwords as SCRAM verifiers, never in plain text or MD5", async () => {
      const sql = testStack().superSql
      const roles = await sql<{ rolname: string; rolpassword: string | null }[]>`
        select rolname, rolpassword from pg_authid
         where rolname in ('postgres', 'map_owner', 'map_app', 'map_admin') order by rolname`
      expect(roles.map((r) => r.rolname)).to.deep.equal(['map_admin', 'map_app', 'map_owner', 'postgres'])
      for (const role of roles) expect(role.rolpassword, role.rolname).to.match(/^SCRAM-SHA-256\$/)
      const [setting] = await sql<{ password_encryption: string }[]>`show password_encryption`
      expect(setting!.password_encryption).to.equal('scram-sha-256')
    })
  })

  describe('large objects (outside RLS and quotas)', () => {
    for (const statement of [
      "select lo_from_bytea(0, 'x')",
      'select lo_create(0)',
      'select lo_creat(-1)',
      "select lo_import('/etc/hostname')",
      'select lo_open(1, 393216)',
      'select lo_get(1)',
      "select lo_put(1, 0, 'x')",
      'select lo_unlink(1)',
    ]) {
      it(`refuses map_app: ${statement}`, async () => {
        expect(await failureOf(testStack().appSql, statement)).to.equal(permissionDenied)
      })
    }

    it('refuses map_admin too', async () => {
      expect(await failureOf(testStack().adminSql, "select lo_from_bytea(0, 'x')")).to.equal(permissionDenied)
    })

    it('leaves map_app no large-object function at all', async () => {
      const executable = await testStack().superSql<{ fn: string }[]>`
        select p.oid::regprocedure::text as fn from pg_proc p
         where p.pronamespace = 'pg_catalog'::regnamespace and p.proname ~ ${largeObjectFunctions}
           and has_function_privilege('map_app', p.oid, 'EXECUTE')`
      expect(executable).to.deep.equal([])
    })
  })

  describe('advisory locks (one lock space for every tenant)', () => {
    for (const statement of [
      'select pg_advisory_lock(1)',
      'select pg_advisory_lock_shared(1)',
      'select pg_try_advisory_lock(1)',
      'select pg_try_advisory_lock(1, 2)',
      'select pg_advisory_xact_lock(1)',
      'select pg_try_advisory_xact_lock_shared(1)',
      'select pg_advisory_unlock_all()',
    ]) {
      it(`refuses map_app: ${statement}`, async () => {
        expect(await failureOf(testStack().appSql, statement)).to.equal(permissionDenied)
      })
    }

    it('leaves map_app no advisory-lock function at all', async () => {
      const executable = await testStack().superSql<{ fn: string }[]>`
        select p.oid::regprocedure::text as fn from pg_proc p
         where p.pronamespace = 'pg_catalog'::regnamespace and p.proname ~ ${advisoryLockFunctions}
           and has_function_privilege('map_app', p.oid, 'EXECUTE')`
      expect(executable).to.deep.equal([])
    })

    it('keeps them for map_owner, which migrates under an advisory lock', async () => {
      const sql = testStack().ownerSql
      await sql.begin(async (tx) => {
        const [locked] = await tx<{ ok: boolean }[]>`select pg_try_advisory_lock(-7) as ok`
        expect(locked!.ok).to.equal(true)
        const [unlocked] = await tx<{ ok: boolean }[]>`select pg_advisory_unlock(-7) as ok`
        expect(unlocked!.ok).to.equal(true)
      })
    })

    it('still appends its audit events as map_app: app.append_api_audit_event takes its lock as map_owner', async () => {
      const tenant = await createTestTenant('lock')
      const id = await inTenantTransaction(testStack().appSql, tenant.tenantId, (tx) =>
        appendApiAuditEvent(tx, {
          action: 'auth.failure',
          target: '/hardening',
          details: { reason: 'invalid_key', client_address: '127.0.0.1', count: 1 },
        }),
      )
      expect(id).to.match(/^[0-9a-f-]{36}$/)
    })
  })
})
