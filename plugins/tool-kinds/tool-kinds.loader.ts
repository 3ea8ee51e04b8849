// Finds the kinds: every kinds/<kind>.kind.ts exporting `kind`. Adding a kind is adding that one file
// (or contributing it from another plugin: buildToolKindsRegistry's extraKinds).
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ToolKind } from './tool-kind.js'

const kindsDir = path.join(import.meta.dirname, 'kinds')

export async function loadToolKinds(dir = kindsDir): Promise<ToolKind[]> {
  const files = readdirSync(dir)
    .filter((file) => /^[a-z][a-z0-9-]*\.kind\.(ts|js)$/.test(file))
    .sort()
  const kinds: ToolKind[] = []
  for (const file of files) {
    const module = (await import(pathToFileURL(path.join(dir, file)).href)) as { kind?: ToolKind }
    const expected = file.replace(/\.kind\.(ts|js)$/, '')
    if (!module.kind || module.kind.kind !== expected) {
      throw new Error(`${file} must export \`kind\` with kind "${expected}"`)
    }
    kinds.push(module.kind)
  }
  return kinds
}
