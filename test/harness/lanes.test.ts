// The two mocha lanes of `npm test` (test/lanes/lanes.cjs): the main lane takes every test file the
// process lane does not, so no file is left out; a process-lane entry that names no file (a renamed test)
// would silently move that test to the main lane, where its processes would compete with the time-bound
// tests at the same priority.
import { createRequire } from 'node:module'
import { expect } from 'chai'
import { globSync } from 'glob'
import { projectRoot } from '../../app/kernel/spec.js'

const require = createRequire(import.meta.url)
const { allTests, processLane } = require('../lanes/lanes.cjs') as {
  allTests: string[]
  processLane: string[]
}
const main = require('../lanes/main.mocharc.cjs') as { spec: string[]; ignore: string[] }
const processes = require('../lanes/processes.mocharc.cjs') as { spec: string[] }

const files = (patterns: string[], ignore: string[] = []) =>
  new Set(patterns.flatMap((pattern) => globSync(pattern, { cwd: projectRoot, ignore })))

describe('the mocha lanes of npm test', () => {
  it('names only patterns that match a test file in the process lane', () => {
    for (const pattern of processLane) expect(files([pattern]).size, pattern).to.be.greaterThan(0)
  })

  it('runs every test file in exactly one lane', () => {
    const all = files(allTests)
    const a = files(main.spec, main.ignore)
    const b = files(processes.spec)
    expect([...a].filter((file) => b.has(file))).to.deep.equal([])
    expect(a.size + b.size).to.equal(all.size)
    expect(b.size).to.be.greaterThan(10)
    expect(a.size).to.be.greaterThan(100)
  })
})
