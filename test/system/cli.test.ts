import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { expect } from 'chai'
import { anonymous } from '../helpers/api.js'
import { testStack } from '../harness/stack.js'

const run = promisify(execFile)

const cli = (args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, ['--import', 'tsx', 'app/cli/tenant.ts', ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: testStack().database.appUrl,
      DATABASE_OWNER_URL: testStack().database.ownerUrl,
      DATABASE_ADMIN_URL: testStack().database.adminUrl,
      LOG_LEVEL: 'silent',
      ...env,
    },
  })

describe('npm run tenant -- create NAME', function () {
  this.timeout(60_000)

  it('creates a tenant and prints a working key once, storing only its hash', async () => {
    const { stdout } = await cli(['create', 'Acme', 'Corp'])
    const key = /API key \(shown once, store it now\): (\S+)/.exec(stdout)?.[1]
    expect(key, stdout).to.match(/^map_[A-Za-z0-9_-]{43}$/)
    const res = await anonymous().get('/api/v1/tools').set('X-API-Key', key!).expect(200)
    expect(res.body.total).to.equal(0)
    const [tenant] = await testStack().superSql`select id, name from tenants where name = 'Acme Corp'`
    expect(stdout).to.include(tenant!.id as string)
    const stored = await testStack()
      .superSql`select key_hash, display_prefix from api_keys where tenant_id = ${tenant!.id}`
    expect(stored).to.have.length(1)
    expect(stored[0]!.display_prefix).to.equal(key!.slice(0, 10))
    const everything = JSON.stringify(
      await testStack().superSql`select * from api_keys where tenant_id = ${tenant!.id}`,
    )
    expect(everything).not.to.include(key!)
  })

  it('exits 2 with the usage when the command or name is missing', async () => {
    const failure = await cli(['create']).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    )
    expect(failure?.code).to.equal(2)
    expect(failure?.stderr).to.include('usage: npm run tenant -- create NAME')
  })

  it('sets and clears quotas and budgets with set-limits, and refuses bad values with the usage', async () => {
    const { stdout } = await cli(['create', 'Limited'])
    const tenantId = /\(([0-9a-f-]{36})\)/.exec(stdout)![1]!
    await cli([
      'set-limits',
      tenantId,
      '--requests',
      '500',
      '--runs',
      '5',
      '--monthly-tokens',
      '100000',
      '--monthly-cost',
      '12.5',
    ])
    const read = async () =>
      (
        await testStack().superSql`
        select rate_limit_requests, run_rate_limit_requests, monthly_token_budget::int as tokens,
               monthly_cost_budget_usd::float8 as cost
          from tenants where id = ${tenantId}`
      )[0]
    expect(await read()).to.deep.equal({
      rate_limit_requests: 500,
      run_rate_limit_requests: 5,
      tokens: 100000,
      cost: 12.5,
    })
    await cli(['set-limits', tenantId, '--monthly-cost', 'none'])
    expect(await read()).to.deep.include({ rate_limit_requests: 500, cost: null })
    const failure = await cli(['set-limits', tenantId, '--runs', '0']).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    )
    expect(failure?.code).to.equal(2)
    expect(failure?.stderr).to.include('--runs must be a positive integer')
  })
})
