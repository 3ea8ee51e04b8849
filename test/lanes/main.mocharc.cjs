// Mocha's configuration for the main lane (lanes.cjs): every test file but the process lane's.
const { allTests, base, processLane } = require('./lanes.cjs')

module.exports = {
  ...base,
  // First: the RLS audit's findings explain a wave of failures after them.
  file: ['test/security/rls-audit.test.ts'],
  spec: allTests,
  ignore: processLane,
}
