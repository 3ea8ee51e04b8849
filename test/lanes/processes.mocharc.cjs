// Mocha's configuration for the process lane (lanes.cjs): the tests that start processes and wait for them.
const { base, processLane } = require('./lanes.cjs')

module.exports = { ...base, spec: processLane }
