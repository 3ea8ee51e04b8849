import os from 'node:os'
import { expect } from 'chai'
import { ConfigError, loadConfig } from '../../app/config.js'

const appUrl = 'postgres://map_app:secret@db.example:5432/map'
const ownerUrl = 'postgresql://map_owner:secret@db.example:5432/map'

/** The ConfigError loadConfig throws for env; fails the test when it does not throw one. */
function configErrorFor(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env)
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError)
    return error as ConfigError
  }
  expect.fail(`loadConfig accepted ${JSON.stringify(env)}`)
}

describe('loadConfig', () => {
  describe('defaults', () => {
    it('listens on port 3000 of loopback only and runs the embedded database when DATABASE_URL is unset', () => {
      const config = loadConfig({})
      expect(config.port).to.equal(3000)
      expect(config.host).to.equal('127.0.0.1')
      expect(config.env).to.equal('development')
      expect(config.database).to.equal(undefined)
      expect(config.embedded).to.deep.equal({
        dataDir: '.data/postgres',
        port: 54329,
        sharedDir: '/var/lib/mini-agent-platform',
      })
    })

    it('seeds demo tenants and migrates on start in embedded mode', () => {
      const config = loadConfig({})
      expect(config.seedDemoTenants).to.equal(true)
      expect(config.migrateOnStart).to.equal(true)
    })

    it('treats an empty DATABASE_URL as unset', () => {
      const config = loadConfig({ DATABASE_URL: '  ' })
      expect(config.database).to.equal(undefined)
      expect(config.seedDemoTenants).to.equal(true)
    })

    it('neither seeds nor migrates with only DATABASE_URL: the app role cannot run migrations', () => {
      const config = loadConfig({ DATABASE_URL: appUrl })
      expect(config.database).to.deep.equal({ appUrl, ownerUrl: undefined })
      expect(config.seedDemoTenants).to.equal(false)
      expect(config.migrateOnStart).to.equal(false)
    })

    it('migrates on start but does not seed when DATABASE_OWNER_URL is set too', () => {
      const config = loadConfig({ DATABASE_URL: appUrl, DATABASE_OWNER_URL: ownerUrl })
      expect(config.database).to.deep.equal({ appUrl, ownerUrl })
      expect(config.migrateOnStart).to.equal(true)
      expect(config.seedDemoTenants).to.equal(false)
    })

    it('never seeds demo tenants by default in production, even with the embedded database', () => {
      expect(loadConfig({ NODE_ENV: 'production' }).seedDemoTenants).to.equal(false)
    })

    it('keeps response validation off and the body limit at 64 KiB', () => {
      const config = loadConfig({})
      expect(config.validateResponses).to.equal(false)
      expect(config.bodyLimitBytes).to.equal(64 * 1024)
    })
  })

  describe('explicit values', () => {
    it('reads PORT, booleans and numbers from their text', () => {
      const config = loadConfig({
        PORT: '8080',
        MIGRATE_ON_START: '0',
        SEED_DEMO_TENANTS: 'false',
        VALIDATE_RESPONSES: '1',
        DB_POOL_MAX: '25',
      })
      expect(config).to.include({
        port: 8080,
        migrateOnStart: false,
        seedDemoTenants: false,
        validateResponses: true,
        dbPoolMax: 25,
      })
    })

    it('lets MIGRATE_ON_START and SEED_DEMO_TENANTS override the defaults outside production', () => {
      const config = loadConfig({ DATABASE_URL: appUrl, MIGRATE_ON_START: 'true', SEED_DEMO_TENANTS: 'true' })
      expect(config.migrateOnStart).to.equal(true)
      expect(config.seedDemoTenants).to.equal(true)
    })
  })

  describe('refusals', () => {
    for (const port of ['abc', '70000', '-1', '3000.5']) {
      it(`refuses PORT=${port} with a ConfigError naming PORT`, () => {
        expect(configErrorFor({ PORT: port }).message).to.match(/^\s*PORT: /m)
      })
    }

    for (const url of ['mysql://u:p@db/map', 'http://db.example/map', 'not a url']) {
      it(`refuses DATABASE_URL=${url} with a ConfigError naming DATABASE_URL`, () => {
        expect(configErrorFor({ DATABASE_URL: url }).message).to.match(/^\s*DATABASE_URL: /m)
      })
    }

    it('refuses a DATABASE_OWNER_URL that is not a postgres URL, naming it', () => {
      const error = configErrorFor({ DATABASE_URL: appUrl, DATABASE_OWNER_URL: 'redis://cache:6379' })
      expect(error.message).to.match(/^\s*DATABASE_OWNER_URL: /m)
    })

    for (const variable of ['VALIDATE_RESPONSES', 'MIGRATE_ON_START', 'SEED_DEMO_TENANTS']) {
      it(`refuses ${variable}=yes with a ConfigError naming ${variable}`, () => {
        expect(configErrorFor({ [variable]: 'yes' }).message).to.match(new RegExp(`^\\s*${variable}: `, 'm'))
      })
    }

    it('names every bad variable at once', () => {
      const { message } = configErrorFor({ PORT: 'x', LOG_LEVEL: 'loud', VALIDATE_RESPONSES: 'on' })
      expect(message).to.include('PORT')
      expect(message).to.include('LOG_LEVEL')
      expect(message).to.include('VALIDATE_RESPONSES')
    })

    it('refuses DATABASE_OWNER_URL without DATABASE_URL', () => {
      const { message } = configErrorFor({ DATABASE_OWNER_URL: ownerUrl })
      expect(message).to.include('DATABASE_URL: required when DATABASE_OWNER_URL is set')
    })

    it('refuses SEED_DEMO_TENANTS=true in production', () => {
      const { message } = configErrorFor({
        NODE_ENV: 'production',
        DATABASE_URL: appUrl,
        SEED_DEMO_TENANTS: 'true',
      })
      expect(message).to.match(/^\s*SEED_DEMO_TENANTS: /m)
    })

    it('refuses an unknown NODE_ENV', () => {
      expect(configErrorFor({ NODE_ENV: 'staging' }).message).to.match(/^\s*NODE_ENV: /m)
    })
  })

  describe('WEB_CONCURRENCY (worker processes)', () => {
    const redisUrl = 'redis://redis.example:6379'

    it('is one process outside production, and in production without Redis', () => {
      expect(loadConfig({}).webConcurrency).to.equal(1)
      expect(loadConfig({ DATABASE_URL: appUrl, REDIS_URL: redisUrl }).webConcurrency).to.equal(1)
      expect(loadConfig({ NODE_ENV: 'production', DATABASE_URL: appUrl }).webConcurrency).to.equal(1)
    })

    it('is the CPU count in production with Redis, unless set', () => {
      const production = { NODE_ENV: 'production', DATABASE_URL: appUrl, REDIS_URL: redisUrl }
      expect(loadConfig(production).webConcurrency).to.equal(os.availableParallelism())
      expect(loadConfig({ ...production, WEB_CONCURRENCY: '3' }).webConcurrency).to.equal(3)
      expect(loadConfig({ ...production, WEB_CONCURRENCY: '' }).webConcurrency).to.equal(
        os.availableParallelism(),
      )
    })

    it('refuses more than one process without REDIS_URL: each would count the quotas on its own', () => {
      expect(configErrorFor({ WEB_CONCURRENCY: '2' }).message).to.match(/^\s*WEB_CONCURRENCY: .*REDIS_URL/m)
      expect(loadConfig({ WEB_CONCURRENCY: '1' }).webConcurrency).to.equal(1)
      expect(loadConfig({ WEB_CONCURRENCY: '2', REDIS_URL: redisUrl }).webConcurrency).to.equal(2)
    })

    it('refuses 0, fractions and words', () => {
      for (const value of ['0', '1.5', 'many', '257']) {
        expect(configErrorFor({ WEB_CONCURRENCY: value }).message, value).to.match(/^\s*WEB_CONCURRENCY: /m)
      }
    })
  })
})
