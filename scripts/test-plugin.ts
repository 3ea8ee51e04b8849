// `npm run test:plugin -- <id> [mocha options]`: the fast loop while writing a plugin. Runs, in one mocha process with the
// usual harness, the RLS audit first (its findings explain failures further down), the plugin's own tests,
// then the plugin-aware security tests restricted to its operations and tables (TEST_PLUGIN=<id>): who
// creates what in the migrations, database isolation of its tables, and the schema fuzzer on its
// operations. A plugin declaring `enabled: false` gets its own tests only.
import { spawn } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { isPluginDefinition } from '../app/kernel/plugin.js'
import { projectRoot } from '../app/kernel/spec.js'

const securityTests = [
  'test/security/migration-ownership.test.ts',
  'test/security/db-isolation.test.ts',
  'test/security/bad-input.test.ts',
]

async function main(id: string | undefined, mochaArgs: string[]): Promise<number> {
  // Only the plugin asked for is imported: the others load in the tests, not twice.
  const pluginFile = (folder: string) => path.join(projectRoot, 'plugins', folder, `${folder}.plugin.ts`)
  const known = readdirSync(path.join(projectRoot, 'plugins')).filter((folder) =>
    existsSync(pluginFile(folder)),
  )
  if (!id || !known.includes(id)) {
    process.stderr.write(`usage: npm run test:plugin -- <id>, one of: ${known.sort().join(', ')}\n`)
    return 2
  }
  const module = (await import(pathToFileURL(pluginFile(id)).href)) as Record<string, unknown>
  const isDisabled = Object.values(module).some(
    (value) => isPluginDefinition(value) && value.enabled === false,
  )
  const own = path.join('plugins', id, 'test')
  const ownTests = existsSync(path.join(projectRoot, own)) ? [`${own}/**/*.test.ts`] : []
  if (isDisabled) process.stdout.write(`${id} declares enabled: false: its own tests only\n`)
  const files = isDisabled ? ownTests : ['test/security/rls-audit.test.ts', ...ownTests, ...securityTests]
  if (files.length === 0) {
    process.stderr.write(`${id} has no tests\n`)
    return 1
  }
  const child = spawn(
    process.execPath,
    [path.join(projectRoot, 'node_modules/mocha/bin/mocha.js'), ...mochaArgs, ...files],
    {
      cwd: projectRoot,
      stdio: 'inherit',
      // eslint-disable-next-line no-restricted-properties -- the child's environment, not configuration
      env: { ...process.env, ...(isDisabled ? {} : { TEST_PLUGIN: id }) },
    },
  )
  // One Ctrl-C or kill stops the tests too.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal))
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))))
}

main(process.argv[2], process.argv.slice(3)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`npm run test:plugin: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(2)
  },
)
