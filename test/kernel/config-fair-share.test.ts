// The fair-share settings (issue 13, finding 6): each tenant's share of the pool and the heavy-read timeout.
import { expect } from 'chai'
import { ConfigError, loadConfig } from '../../app/config.js'

describe('loadConfig: fair share of the database', () => {
  it('gives each tenant half the pool (at least one connection), a queue of 200 for 10 s, heavy reads 5 s', () => {
    expect(loadConfig({}).tenantShare).to.deep.equal({
      concurrency: 5,
      queueLength: 200,
      queueTimeoutMs: 10_000,
    })
    expect(loadConfig({ DB_POOL_MAX: '7' }).tenantShare.concurrency).to.equal(3)
    expect(loadConfig({ DB_POOL_MAX: '1' }).tenantShare.concurrency).to.equal(1)
    expect(loadConfig({}).heavyReadTimeoutMs).to.equal(5000)
  })

  it('reads the variables', () => {
    const config = loadConfig({
      DB_POOL_MAX: '20',
      TENANT_DB_CONCURRENCY: '4',
      TENANT_DB_QUEUE_LENGTH: '0',
      TENANT_DB_QUEUE_TIMEOUT_MS: '250',
      HEAVY_READ_TIMEOUT_MS: '1500',
    })
    expect(config.tenantShare).to.deep.equal({ concurrency: 4, queueLength: 0, queueTimeoutMs: 250 })
    expect(config.heavyReadTimeoutMs).to.equal(1500)
    expect(loadConfig({ TENANT_DB_CONCURRENCY: '' }).tenantShare.concurrency, 'empty is unset').to.equal(5)
  })

  for (const [env, variable] of [
    [{ TENANT_DB_CONCURRENCY: '11' }, 'TENANT_DB_CONCURRENCY'],
    [{ TENANT_DB_CONCURRENCY: '0' }, 'TENANT_DB_CONCURRENCY'],
    [{ TENANT_DB_QUEUE_LENGTH: '-1' }, 'TENANT_DB_QUEUE_LENGTH'],
    [{ TENANT_DB_QUEUE_TIMEOUT_MS: '0' }, 'TENANT_DB_QUEUE_TIMEOUT_MS'],
    [{ HEAVY_READ_TIMEOUT_MS: '60000' }, 'HEAVY_READ_TIMEOUT_MS'],
  ] as const) {
    it(`refuses ${JSON.stringify(env)}, naming ${variable}`, () => {
      expect(() => loadConfig(env)).to.throw(ConfigError, new RegExp(`^\\s*${variable}: `, 'm'))
    })
  }
})
