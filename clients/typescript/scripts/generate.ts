// `npm run client:generate`: rewrites src/generated/openapi.ts from the repository's openapi.yaml.
// `-- --check` writes nothing and exits 1 when the file is stale.
import { readFileSync, writeFileSync, existsSync } from 'node:fs'
import path from 'node:path'
import { generatedTypesPath, renderClientTypes, specPath } from './render-types.js'

async function main(check: boolean): Promise<number> {
  const text = await renderClientTypes(readFileSync(specPath, 'utf8'))
  const before = existsSync(generatedTypesPath) ? readFileSync(generatedTypesPath, 'utf8') : ''
  const file = path.relative(process.cwd(), generatedTypesPath)
  if (before === text) {
    process.stdout.write(`${file}: unchanged\n`)
    return 0
  }
  if (check) {
    process.stdout.write(`${file}: stale (run npm run client:generate)\n`)
    return 1
  }
  writeFileSync(generatedTypesPath, text)
  process.stdout.write(`${file}: changed\n`)
  return 0
}

main(process.argv.includes('--check')).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`client:generate: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(2)
  },
)
