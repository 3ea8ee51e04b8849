// Issue 14's "done when": a newcomer following plugins/README.md adds a tenant-scoped plugin with a PATCH,
// a read-only POST and a key to the catalog's agents, touching nothing outside its folder but the
// generated files, in a temporary copy of the repository. The real commands run there: `npm run generate`,
// then `npm run test:plugin -- prompt-notes` (which passes), then the same with the careless mistakes
// planted (no policy, an id column without a foreign key, plain `set null`, an index and a trigger on the
// agents table, no fixture), each of which must be reported, the RLS findings first, in a run that goes on
// to the end. The inner runs use a fresh database in this run's PostgreSQL and its Redis.
import { execFile } from 'node:child_process'
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect } from 'chai'
import { projectRoot } from '../../app/kernel/spec.js'
import { sharedServicesVariable } from '../harness/stack.js'

interface Run {
  code: number
  stdout: string
  stderr: string
}

interface MochaReport {
  stats: { tests: number; failures: number }
  tests: { fullTitle: string }[]
  failures: { fullTitle: string; err: Record<string, unknown> }[]
}

const id = 'prompt-notes'

/** What the repository's tests and commands need: no .git, no coverage, node_modules linked. */
function copyRepository(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'map-scaffold-'))
  // Readable by the 'postgres' user embedded PostgreSQL runs as under root (npm run generate).
  chmodSync(root, 0o755)
  for (const entry of [
    'app',
    'db',
    'plugins',
    'scripts',
    'clients',
    'docs',
    'test/harness',
    'test/helpers',
    'test/security',
  ])
    cpSync(path.join(projectRoot, entry), path.join(root, entry), { recursive: true })
  for (const file of ['package.json', 'tsconfig.json', '.mocharc.json', 'openapi.yaml'])
    cpSync(path.join(projectRoot, file), path.join(root, file))
  symlinkSync(realpathSync(path.join(projectRoot, 'node_modules')), path.join(root, 'node_modules'))
  return root
}

/** Replaces in a file, failing when the text to replace is not there (the example changed: update this). */
function edit(file: string, ...changes: [string | RegExp, string][]): void {
  let text = readFileSync(file, 'utf8')
  for (const [from, to] of changes) {
    const next = text.replace(from, () => to)
    if (next === text) throw new Error(`${path.basename(file)}: nothing matches ${String(from)}`)
    text = next
  }
  writeFileSync(file, text)
}

/** Step 1 of the guide: copy the example, rename it, delete `example: true`; then a render operation. */
function scaffoldPlugin(root: string): string {
  const dir = path.join(root, 'plugins', id)
  cpSync(path.join(root, 'plugins/example-notes'), dir, { recursive: true })
  const rename = (text: string) =>
    text
      .replaceAll('example-notes', id)
      .replaceAll('example_notes', 'prompt_notes')
      .replaceAll('EXAMPLE_NOTES', 'PROMPT_NOTES')
      .replaceAll('exampleNotes', 'promptNotes')
      .replaceAll('ExampleNote', 'PromptNote')
  const files = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? files(path.join(folder, entry.name)) : [path.join(folder, entry.name)],
    )
  for (const file of files(dir)) {
    writeFileSync(file, rename(readFileSync(file, 'utf8')))
    renameSync(file, path.join(path.dirname(file), rename(path.basename(file))))
  }
  // Its own migration timestamp, after every other one.
  renameSync(
    path.join(dir, 'migrations/1764100009000_prompt-notes-create.sql'),
    path.join(dir, 'migrations/1764100099000_prompt-notes-create.sql'),
  )
  edit(
    path.join(dir, `${id}.plugin.ts`),
    [/\n {2}\/\/ Never served[^\n]*\n {2}example: true,/, ''],
    ['  operations,\n', "  operations,\n  readOnlyOperations: ['renderPromptNote'],\n"],
  )
  // The example's test that it is not served is no longer true of a real plugin.
  edit(path.join(dir, `test/${id}.api.test.ts`), [/\n {2}it\('is not part of the service[\s\S]*$/, '\n})\n'])
  writeFileSync(
    path.join(dir, `${id}.operations.ts`),
    readFileSync(path.join(dir, `${id}.operations.ts`), 'utf8') +
      `
export const renderPromptNote: Operation = async ({ params, services }) => {
  const note = await services.promptNotesService.get(params.id!)
  return { status: 200, body: { text: \`\${note.title}\\n\\n\${note.body}\` } }
}
`,
  )
  const statuses = ['400', '401', '403', '429', '500', '503']
  const shared: Record<string, string> = {
    '400': 'BadRequest',
    '401': 'Unauthorized',
    '403': 'TenantSuspended',
    '404': 'PromptNoteNotFound',
    '429': 'TooManyRequests',
    '500': 'InternalError',
    '503': 'ServiceUnavailable',
  }
  const responses = [...statuses.slice(0, 3), '404', ...statuses.slice(3)]
    .map((status) => `        '${status}': { $ref: '#/components/responses/${shared[status]}' }`)
    .join('\n')
  edit(path.join(dir, `${id}.openapi.yaml`), [
    '\ncomponents:\n',
    `
  /api/v1/prompt-notes/{id}/render:
    parameters:
      - { name: id, in: path, required: true, schema: { $ref: '#/components/schemas/Uuid' } }
    post:
      operationId: renderPromptNote
      tags: [prompt-notes]
      summary: The note as prompt text; changes nothing
      responses:
        '200':
          description: The text.
          content:
            application/json:
              schema:
                type: object
                additionalProperties: false
                required: [text]
                properties:
                  text: { type: string }
${responses}
components:
`,
  ])
  return dir
}

/** The mistakes the three teams could have made, all at once. */
function plantMistakes(dir: string): void {
  edit(
    path.join(dir, 'migrations/1764100099000_prompt-notes-create.sql'),
    // No policy: RLS forced, so every query sees nothing and every insert fails.
    [/create policy prompt_notes_tenant_isolation[\s\S]*?;\ncomment on policy[\s\S]*?;\n/, ''],
    // Plain set null: the agent's delete would null tenant_id too.
    ['on delete set null (agent_id)', 'on delete set null'],
    // An id column no foreign key covers.
    ['  agent_id uuid,\n', '  agent_id uuid,\n  tool_id uuid,\n'],
    // An index and a trigger on the catalog's table.
    [
      'grant select, insert, update, delete on prompt_notes to map_app;\n',
      `grant select, insert, update, delete on prompt_notes to map_app;
create index prompt_notes_agents_role_idx on agents (tenant_id, role);
create function app.prompt_notes_touch() returns trigger language plpgsql as $$ begin return old; end $$;
create trigger prompt_notes_on_agents after delete on agents for each row execute function app.prompt_notes_touch();
`,
    ],
    [
      'drop table prompt_notes;',
      'drop trigger prompt_notes_on_agents on agents;\ndrop function app.prompt_notes_touch();\ndrop index prompt_notes_agents_role_idx;\ndrop table prompt_notes;',
    ],
  )
  // No fixture for the plugin's {id}.
  edit(path.join(dir, `${id}.plugin.ts`), [/\n {2}\/\/ What the tests create[\s\S]*?\n {2}\},\n/, '\n'])
}

const npm = (root: string, args: string[], env: Record<string, string> = {}): Promise<Run> =>
  new Promise((resolve) => {
    execFile(
      'npm',
      ['run', '--silent', ...args],
      {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), ...env },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stdout, stderr }),
    )
  })

/** `npm run test:plugin -- prompt-notes` in the copy, with mocha's JSON report. */
async function testPlugin(root: string, report: string): Promise<{ run: Run; mocha: MochaReport }> {
  const run = await npm(
    root,
    ['test:plugin', '--', id, '--reporter', 'json', '--reporter-option', `output=${report}`],
    sharedServicesVariable(),
  )
  if (!existsSync(report))
    throw new Error(`no report from mocha (exit ${run.code}):\n${run.stdout}\n${run.stderr}`)
  return { run, mocha: JSON.parse(readFileSync(report, 'utf8')) as MochaReport }
}

describe('a plugin scaffolded from the guide, in a copy of the repository (issue 14, done when)', function () {
  this.timeout(300_000)
  let root: string
  let dir: string
  before(() => {
    root = copyRepository()
    dir = scaffoldPlugin(root)
  })
  after(() => rmSync(root, { recursive: true, force: true }))

  it('needs nothing outside its folder: npm run generate rewrites the generated files and says so', async () => {
    const run = await npm(root, ['generate'])
    expect(run.code, run.stderr).to.equal(0)
    expect(run.stdout).to.match(/^openapi\.yaml: changed \(\+\d+ -\d+ lines\)$/m)
    expect(run.stdout).to.match(/^docs\/rls-report\.md: changed \(\+\d+ -\d+ lines\)$/m)
    expect(run.stdout).to.match(
      /^clients\/typescript\/src\/generated\/openapi\.ts: changed \(\+\d+ -\d+ lines\)$/m,
    )
    expect(readFileSync(path.join(root, 'clients/typescript/src/generated/openapi.ts'), 'utf8')).to.include(
      '"/api/v1/prompt-notes/{id}/render": {',
    )
    expect(readFileSync(path.join(root, 'openapi.yaml'), 'utf8')).to.include(
      '/api/v1/prompt-notes/{id}/render:',
    )
    expect(readFileSync(path.join(root, 'docs/rls-report.md'), 'utf8')).to.include(
      '| prompt_notes | map_owner |',
    )
    const again = await npm(root, ['generate', '--', '--check'])
    expect(again.stdout.trim().split('\n').at(-1)).to.equal('nothing changed')
  })

  it('passes npm run test:plugin: its tests, the RLS audit, ownership, isolation and the fuzzer on its operations', async () => {
    const { run, mocha } = await testPlugin(root, path.join(root, 'clean.json'))
    expect(
      mocha.failures.map((f) => `${f.fullTitle}: ${String(f.err.message)}`),
      run.stderr,
    ).to.deep.equal([])
    expect(run.code).to.equal(0)
    const titles = mocha.tests.map((t) => t.fullTitle)
    for (const operation of ['listPromptNotes', 'createPromptNote', 'updatePromptNote', 'renderPromptNote'])
      expect(
        titles.some((t) => t.includes(`bad input for every operation ${operation} (`)),
        operation,
      ).to.equal(true)
    expect(
      titles.some((t) => t.includes('prompt_notes (prompt-notes): invisible without a tenant')),
    ).to.equal(true)
    expect(titles.some((t) => t.startsWith('prompt-notes plugin '))).to.equal(true)
  })

  it('catches each planted mistake, the RLS findings first, and keeps going to the last test', async () => {
    plantMistakes(dir)
    const { run, mocha } = await testPlugin(root, path.join(root, 'planted.json'))
    expect(run.code).to.not.equal(0)
    const failures = mocha.failures.map((f) => ({ title: f.fullTitle, text: JSON.stringify(f.err) }))
    const failure = (title: string) => failures.find((f) => f.title.includes(title))?.text ?? ''
    // The audit's findings are the first failure reported: they explain the rest.
    expect(failures[0]?.title).to.match(/^npm run audit:rls on the migrated schema finds nothing/)
    const findings = failures[0]!.text
    expect(findings).to.include('no_policy prompt_notes: has tenant_id but no policy')
    expect(findings).to.include('id_without_foreign_key prompt_notes.tool_id:')
    expect(findings).to.include('set_null_nulls_tenant_id prompt_notes.prompt_notes_agent_fkey:')
    const ownership = failure('migration ownership')
    expect(ownership).to.include('index prompt_notes_agents_role_idx')
    expect(ownership).to.include('trigger agents.prompt_notes_on_agents')
    expect(failure('has a fixture declared by a plugin for every path parameter')).to.include(
      "no plugin declares fixtures['/api/v1/prompt-notes/{id}']",
    )
    // Every file ran to its end: the fuzzer, last, still reported on the plugin's operations.
    const titles = mocha.tests.map((t) => t.fullTitle)
    expect(titles.some((t) => t.includes('bad input for every operation updatePromptNote ('))).to.equal(true)
  })
})
