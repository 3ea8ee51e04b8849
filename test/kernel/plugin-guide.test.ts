// plugins/README.md is the guide other teams follow; these checks keep its concrete claims true.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { expect } from 'chai'
import { projectRoot, readYaml } from '../../app/kernel/spec.js'

const guide = readFileSync(path.join(projectRoot, 'plugins/README.md'), 'utf8')
const contract = readFileSync(path.join(projectRoot, 'app/kernel/plugin.ts'), 'utf8')

describe('plugins/README.md', () => {
  it('documents every key of the plugin definition, and no key that does not exist', () => {
    const body = /export interface PluginDefinition \{([\s\S]*?)\n\}/.exec(contract)?.[1] ?? ''
    const keys = [...body.matchAll(/^ {2}(\w+)\??:/gm)].map((match) => match[1]!)
    expect(keys).to.include.members(['id', 'dir', 'operations', 'tenantTables'])
    const tableKeys = [...guide.matchAll(/^\| `(\w+)`\s+\|/gm)].map((match) => match[1]!)
    expect(tableKeys.sort()).to.deep.equal([...keys].sort())
  })

  it('names only shared spec components that exist in app/openapi.base.yaml', () => {
    const base = readYaml(path.join(projectRoot, 'app/openapi.base.yaml'))
    const shared = new Set(Object.values(base.components).flatMap((section) => Object.keys(section)))
    const contract = guide.slice(guide.indexOf('## 4.'), guide.indexOf('## 5.'))
    const named = [...contract.matchAll(/`([A-Z][A-Za-z]+)`/g)].map((match) => match[1]!)
    expect(named).to.include.members(['BadRequest', 'TooManyRequests', 'Limit', 'Uuid'])
    for (const name of named) expect(shared.has(name), name).to.equal(true)
  })

  it('names the commands that exist in package.json', () => {
    const { scripts } = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>
    }
    const commands = [...guide.matchAll(/`npm run ([\w:]+)/g)].map((match) => match[1]!)
    expect(commands).to.include.members(['generate', 'test:plugin', 'audit:rls'])
    for (const command of commands) expect(scripts, command).to.have.property(command)
  })

  it('names only files and folders that exist', () => {
    const paths = [...guide.matchAll(/`((?:plugins|app|test|db)\/[\w./-]+)`/g)].map((match) => match[1]!)
    expect(paths.length).to.be.greaterThan(3)
    for (const file of paths) expect(existsSync(path.join(projectRoot, file)), file).to.equal(true)
  })
})
