// The README's test command is the whole set-up, and CI runs exactly it: a fresh clone passes with what the
// README says, with no step only CI knows (what a fresh machine lacks, the harness installs: system-package.ts).
import { readFileSync } from 'node:fs'
import { expect } from 'chai'

const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8')

describe('the newcomer path: the README test command and .ci/run', () => {
  const readme = read('README.md')
  const ciRun = read('.ci/run')
  const testCommand = /Run the tests[^\n]*\n\n```sh\n([^\n]+)\n```/.exec(readme)?.[1]

  it('is one command in the README', () => {
    expect(testCommand).to.equal('npm install && npm test')
  })

  it('is what .ci/run runs, with no apt-get step of its own', () => {
    const commands = ciRun.split('\n').filter((line) => line.trim() !== '' && !line.trim().startsWith('#'))
    expect(commands).to.include(testCommand)
    expect(ciRun).not.to.match(/apt-get (update|install)/)
  })
})
