// .env.example documents exactly the variables the service reads (app/config.ts's and those the served
// plugins declare), each with a comment and the schema's own default, so the file cannot drift from the code.
import { readFileSync } from 'node:fs'
import { expect } from 'chai'
import { configSchemaShape, loadConfig } from '../../app/config.js'
import { plugins } from '../../plugins/index.js'

// The served plugins' variables too (not the examples': the service never loads them).
const configShape = configSchemaShape(plugins)
const configVariables = Object.keys(configShape)

interface Documented {
  name: string
  /** The value shown (`NAME=value`); undefined for a commented-out `# NAME=` (no default). */
  value: string | undefined
  /** The line right above it. */
  comment: string
  line: number
}

const text = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8')
const lines = text.split('\n')
const setLine = /^([A-Z][A-Z0-9_]*)=(.*)$/
const unsetLine = /^# ([A-Z][A-Z0-9_]*)=$/

const documented: Documented[] = lines.flatMap((line, index) => {
  const set = setLine.exec(line)
  const unset = unsetLine.exec(line)
  const name = (set ?? unset)?.[1]
  if (!name) return []
  return [{ name, value: set ? set[2] : undefined, comment: lines[index - 1] ?? '', line: index + 1 }]
})
const byName = new Map(documented.map((variable) => [variable.name, variable]))

/** Read by pattern (<ID>_API_KEY / <ID>_BASE_URL): setting it configures exactly one model provider. */
const isProviderVariable = (name: string): boolean =>
  !configVariables.includes(name) &&
  Object.keys(loadConfig({ [name]: 'http://localhost:1/v1' }).providers).length === 1

describe('.env.example (env.example)', () => {
  it('holds only blank lines, comments and variables', () => {
    const other = lines.filter((line) => line.trim() !== '' && !line.startsWith('#') && !setLine.test(line))
    expect(other).to.deep.equal([])
  })

  it('documents every variable of the config schema once, and nothing the config does not read', () => {
    expect(documented.map((v) => v.name)).to.have.lengthOf(byName.size, 'a variable documented twice')
    expect(
      configVariables.filter((name) => !byName.has(name)),
      'missing from .env.example',
    ).to.deep.equal([])
    const unknown = documented
      .map((v) => v.name)
      .filter((name) => !configVariables.includes(name) && !isProviderVariable(name))
    expect(unknown, 'not read by app/config.ts nor by any plugin').to.deep.equal([])
  })

  it('documents the built-in providers by their <ID>_API_KEY / <ID>_BASE_URL variables, unset', () => {
    for (const name of ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'ANTHROPIC_API_KEY', 'ANTHROPIC_BASE_URL']) {
      expect(isProviderVariable(name), name).to.equal(true)
      expect(byName.get(name), name).to.include({ value: undefined })
    }
  })

  it('puts a one-line comment right above each variable', () => {
    for (const { name, comment, line } of documented) {
      expect(comment, `${name} (line ${line})`).to.match(/^# \S/)
      expect(unsetLine.test(comment), `${name} (line ${line}) follows another variable`).to.equal(false)
    }
  })

  it('shows the schema default of each variable that has one, and no value for those that have none', () => {
    for (const name of configVariables) {
      const validator = configShape[name]!
      const fallback = validator.safeParse(undefined)
      expect(fallback.success, `${name} must be optional or have a default`).to.equal(true)
      const { value, line } = byName.get(name)!
      if (fallback.data === undefined) {
        expect(value, `${name} (line ${line}) has no default: write it as "# ${name}="`).to.equal(undefined)
      } else {
        expect(value, `${name} (line ${line}) defaults to ${JSON.stringify(fallback.data)}`).to.be.a('string')
        expect(validator.parse(value), `${name} (line ${line})`).to.deep.equal(fallback.data)
      }
    }
  })

  it('is, as a whole, the default configuration: loading its values changes nothing', () => {
    const values = Object.fromEntries(
      documented.flatMap(({ name, value }) => (value === undefined ? [] : [[name, value]])),
    )
    expect(loadConfig(values, plugins)).to.deep.equal(loadConfig({}, plugins))
  })
})
