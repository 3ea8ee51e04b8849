// `npm run spec`: writes openapi.yaml from app/openapi.base.yaml and every plugin's fragment.
// `npm run spec -- --check` fails when the committed file is stale.
import { readFileSync, writeFileSync } from 'node:fs'
import { bundleSpec, renderSpec, specPath } from '../app/kernel/spec.js'
import { plugins } from '../plugins/index.js'

const text = renderSpec(bundleSpec(plugins))
if (process.argv.includes('--check')) {
  if (readFileSync(specPath, 'utf8') !== text) {
    process.stderr.write('openapi.yaml is stale: run npm run spec\n')
    process.exit(1)
  }
} else {
  writeFileSync(specPath, text)
  process.stdout.write(`wrote ${specPath}\n`)
}
