// What the shipped deployment files promise, checked against the files themselves: docker-compose.yml's
// local placeholder passwords stop a production start, only the API port is published, and the image's
// application files belong to root, not to the user the app runs as.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { expect } from 'chai'
import { parse } from 'yaml'
import { ConfigError, loadConfig, pluginSettingsOf } from '../../app/config.js'
import { projectRoot } from '../../app/kernel/spec.js'
import { plugins } from '../../plugins/index.js'
import { jobsPlugin } from '../../plugins/jobs/jobs.plugin.js'

interface ComposeService {
  command?: string[]
  environment?: Record<string, string | number>
  ports?: string[]
  expose?: string[]
}
const compose = parse(readFileSync(path.join(projectRoot, 'docker-compose.yml'), 'utf8'), {
  merge: true,
}) as { services: Record<string, ComposeService> }

/** Compose's `${VAR}` / `${VAR:-default}` interpolation, against `env`. */
const interpolate = (value: string, env: Record<string, string>): string =>
  value.replace(/\$\{(\w+)(?::-([^}]*))?\}/g, (_all, name: string, fallback?: string) =>
    env[name] ? env[name] : (fallback ?? ''),
  )

/** A service's environment as the container gets it (the image sets NODE_ENV=production). */
function containerEnv(service: string, env: Record<string, string>): Record<string, string> {
  const variables = compose.services[service]!.environment ?? {}
  return {
    NODE_ENV: 'production',
    ...Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, interpolate(String(v), env)])),
  }
}

function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env)
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError)
    return (error as ConfigError).message
  }
  return expect.fail(`loadConfig accepted ${JSON.stringify(env)}`)
}

const realSecrets = {
  POSTGRES_PASSWORD: 'Vq7-superuser-Wc2LmT9x',
  DB_OWNER_PASSWORD: 'Hn4-owner-Zp8KqR1sd',
  DB_APP_PASSWORD: 'Tb6-app-Yk3NwE5fgh',
}

describe('deployment files', () => {
  describe("docker-compose.yml's placeholder passwords", () => {
    it('stop the migrate and api services in production, naming each variable that holds one', () => {
      const migrate = refusal(containerEnv('migrate', {}))
      for (const name of [
        'DB_OWNER_PASSWORD',
        'DB_APP_PASSWORD',
        'DATABASE_SUPERUSER_URL',
        'DATABASE_URL',
        'DATABASE_OWNER_URL',
      ]) {
        expect(migrate).to.match(new RegExp(`^\\s*${name}: [^\\n]*change-me`, 'm'))
      }
      expect(refusal(containerEnv('api', {}))).to.match(/^\s*DATABASE_URL: [^\n]*change-me/m)
      expect(refusal(containerEnv('worker', {}))).to.match(/^\s*DATABASE_URL: [^\n]*change-me/m)
    })

    it('are accepted with NODE_ENV=development (a local try-out)', () => {
      const local = { NODE_ENV: 'development' }
      expect(loadConfig(containerEnv('migrate', local)).env).to.equal('development')
      expect(loadConfig(containerEnv('api', local), plugins).database?.appUrl).to.include(
        'app-password-change-me',
      )
    })

    it('give way to real secrets from the environment', () => {
      expect(loadConfig(containerEnv('migrate', realSecrets)).bootstrap.appPassword).to.equal(
        realSecrets.DB_APP_PASSWORD,
      )
      expect(loadConfig(containerEnv('api', realSecrets), plugins).database?.appUrl).to.include(
        realSecrets.DB_APP_PASSWORD,
      )
      // As npm run worker loads it: with every plugin's variables (the job workers' WORKER_CONCURRENCY).
      const worker = loadConfig(containerEnv('worker', realSecrets), plugins)
      expect(worker.database?.appUrl).to.include(realSecrets.DB_APP_PASSWORD)
      expect(pluginSettingsOf(worker, jobsPlugin).workerConcurrency).to.be.greaterThan(0)
    })

    it('are refused in production wherever a secret goes: passwords, URLs, tokens', () => {
      const message = refusal({
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://map_app:changeme@db/map',
        DATABASE_ADMIN_URL: 'postgres://map_admin:admin-CHANGE-ME@db/map',
        REDIS_URL: 'redis://:redis-change-me@redis:6379',
        DB_ADMIN_PASSWORD: 'admin-password-change-me',
        ADMIN_TOKEN: 'an-admin-token-of-32-characters-change-me',
        METRICS_TOKEN: 'a-metrics-token-of-32-characters-change-me',
      })
      for (const name of [
        'DATABASE_URL',
        'DATABASE_ADMIN_URL',
        'REDIS_URL',
        'DB_ADMIN_PASSWORD',
        'ADMIN_TOKEN',
        'METRICS_TOKEN',
      ]) {
        expect(message).to.match(new RegExp(`^\\s*${name}: `, 'm'))
      }
      expect(message, 'never the secret itself').not.to.include('admin-CHANGE-ME')
    })
  })

  describe('docker-compose.yml ports', () => {
    it('publishes the API port only; the metrics listener is on METRICS_PORT, reachable inside the compose network', () => {
      const api = compose.services.api!
      expect(api.ports).to.deep.equal(['3000:3000'])
      const metricsPort = String(api.environment?.METRICS_PORT)
      expect(metricsPort).to.match(/^\d+$/)
      expect(metricsPort).not.to.equal('3000')
      for (const [name, service] of Object.entries(compose.services)) {
        for (const published of service.ports ?? []) expect(published, name).not.to.include(metricsPort)
      }
    })

    it('runs the job worker from the same image, compiled, with no port (it serves no HTTP)', () => {
      const worker = compose.services.worker!
      expect(worker.command).to.deep.equal(['node', 'dist/app/worker.js'])
      expect(worker.ports ?? []).to.deep.equal([])
    })

    it('runs the jobs in the worker service only: the API answers requests, its event loop runs no job', () => {
      expect(String(compose.services.api!.environment?.WORKER_CONCURRENCY)).to.equal('0')
      expect(Number(compose.services.worker!.environment?.WORKER_CONCURRENCY)).to.be.above(0)
    })
  })

  describe('Dockerfile', () => {
    const dockerfile = readFileSync(path.join(projectRoot, 'Dockerfile'), 'utf8')
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '))
    const instructions = runtime
      .split('\n')
      .filter((line) => /^[A-Z]+ /.test(line))
      .map((line) => line.split(' ')[0])

    it('copies the application as root: no --chown, no chown, and nothing made writable for node', () => {
      expect(runtime).to.include('COPY ')
      expect(runtime).not.to.match(/--chown|\bchown\b|\bchmod\b/)
    })

    it('starts the compiled app as NODE_ENV=production npm start does: one node process, no loader, no child', () => {
      const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(runtime)?.[1] ?? '[]') as string[]
      const { scripts } = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>
      }
      expect(cmd).to.deep.equal(['node', 'dist/app/main.js'])
      // exec all the way down: npm's shell becomes the script's shell, which becomes node, so npm's signals
      // reach the server.
      expect(scripts.start).to.equal('exec sh scripts/start.sh')
      const startScript = readFileSync(path.join(projectRoot, 'scripts/start.sh'), 'utf8')
      expect(startScript).to.include(`exec ${cmd.join(' ')} "$@"`)
      expect(startScript).to.include('exec node --import tsx app/main.ts "$@"')
    })

    it('runs as node, and only after every file is in place', () => {
      expect(runtime).to.match(/^USER node$/m)
      expect(instructions.lastIndexOf('COPY')).to.be.below(instructions.indexOf('USER'))
      expect(instructions.lastIndexOf('RUN')).to.be.below(instructions.indexOf('USER'))
    })
  })
})
