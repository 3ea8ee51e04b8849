// `npm test` runs mocha in two lanes at once, each with its own PostgreSQL and Redis (test/harness/stack.ts):
// alone, the suite kept about 1.2 of the 2 cores busy, since much of its time went to tests that start
// processes (servers, workers, CLIs, a copy of the repository) and wait for them. Those run in the process
// lane, at a lower CPU priority (nice 10, package.json), as do the static checks; the main lane runs the
// rest at normal priority, so its time bounds (a p95, a revocation reaching another process within 1 s, a
// shutdown deadline, the bench's short runs) are measured on a machine whose other work yields to it.
// A file matched here runs in the process lane only; a test that asserts a time bound does not belong here.
const processLane = [
  'test/system/cli.test.ts',
  'test/system/cluster.test.ts',
  'test/system/deployment.test.ts',
  'test/system/docs-browser.test.ts',
  'test/system/embedded-folders.test.ts',
  'test/system/embedded-start.test.ts',
  'test/system/newcomer-command.test.ts',
  'test/system/plugin-scaffold.test.ts',
  'test/bench/bench-serve.test.ts',
  'test/admin/audit-anchors.test.ts',
  'test/admin/audit-log.test.ts',
  'test/client/quickstart.test.ts',
  'test/security/audit-rls-cli.test.ts',
  'test/security/metrics-exposure.test.ts',
  'plugins/marketplace/test/publish.validation-lost.test.ts',
  'plugins/runs/test/background.crash.test.ts',
  'plugins/secrets/test/secrets.canary.test.ts',
]

const allTests = ['test/**/*.test.ts', 'plugins/*/test/**/*.test.ts']

module.exports = { processLane, allTests, base: require('../../.mocharc.json') }
