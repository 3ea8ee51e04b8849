// Configuration that decides who can reach the API and which client address it sees (security review,
// issue 13): the demo mode listens on loopback only, and TRUST_PROXY cannot trust every X-Forwarded-For.
import { expect } from 'chai'
import supertest from 'supertest'
import { ConfigError, loadConfig } from '../../app/config.js'
import { buildTestApp, testConfig } from '../helpers/api.js'

const appUrl = 'postgres://map_app:secret@db.example:5432/map'

function configErrorFor(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env)
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError)
    return error as ConfigError
  }
  expect.fail(`loadConfig accepted ${JSON.stringify(env)}`)
}

describe('HOST', () => {
  it('defaults to 127.0.0.1 in embedded mode, where the demo tenants have well-known keys', () => {
    expect(loadConfig({}).host).to.equal('127.0.0.1')
    expect(loadConfig({ NODE_ENV: 'production' }).host).to.equal('127.0.0.1')
  })

  it('defaults to every interface with a configured database', () => {
    expect(loadConfig({ DATABASE_URL: appUrl }).host).to.equal('0.0.0.0')
  })

  it('is whatever HOST says when it is set, in either mode', () => {
    expect(loadConfig({ HOST: '0.0.0.0' }).host).to.equal('0.0.0.0')
    expect(loadConfig({ DATABASE_URL: appUrl, HOST: '10.1.2.3' }).host).to.equal('10.1.2.3')
  })
})

describe('TRUST_PROXY', () => {
  it('refuses true at start, saying why', () => {
    const { message } = configErrorFor({ TRUST_PROXY: 'true' })
    expect(message).to.match(/^\s*TRUST_PROXY: true trusts any X-Forwarded-For/m)
    expect(message).to.include('hops')
  })

  it('accepts false, a hop count, and a list of addresses, CIDRs and range names', () => {
    expect(loadConfig({}).trustProxy).to.equal(false)
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).to.equal(2)
    expect(
      loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.7,loopback, fd00::/8' }).trustProxy,
    ).to.deep.equal(['10.0.0.0/8', '192.168.1.7', 'loopback', 'fd00::/8'])
  })

  for (const value of ['yes', '10.0.0.0/33', '10.0.0.1/8/1', 'proxy.internal', '::1/129', '']) {
    it(`refuses ${JSON.stringify(value)}, naming TRUST_PROXY`, () => {
      expect(configErrorFor({ TRUST_PROXY: value }).message).to.match(/^\s*TRUST_PROXY: /m)
    })
  }

  it('with a hop count, limits the address the proxy saw, however the client rotates X-Forwarded-For', async () => {
    const app = buildTestApp({ config: testConfig({ TRUST_PROXY: '1', AUTH_FAILURE_LIMIT: '3' }) }).app
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) {
      // The client forges the first entries; the one proxy appends the address it saw, the same each time.
      const res = await supertest(app)
        .get('/api/v1/tools')
        .set('X-API-Key', `map_${'r'.repeat(43)}`)
        .set('X-Forwarded-For', `198.51.100.${i}, 203.0.113.77`)
      statuses.push(res.status)
    }
    expect(statuses).to.deep.equal([401, 401, 401, 429, 429, 429])
  })
})
