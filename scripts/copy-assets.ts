// The second half of `npm run build` (after tsc): the files the compiled server reads at run time beside its
// code, copied into dist/ at the same relative paths, so that code finding them from import.meta.dirname
// (migrations, plugin folders, openapi.yaml from the project root) finds them in dist/ as well. Also removes
// what an earlier build left in dist/ whose source is gone (tsc --incremental never deletes): a stale
// providers/*.provider.js or migration would otherwise still be loaded.
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const dist = path.join(root, 'dist')
const sourceFolders = ['app', 'db', 'plugins']
/** Read at run time: migrations, the spec and its fragments. */
const assetPattern = /\.(sql|ya?ml)$/
/** Tests are neither compiled (tsconfig.build.json) nor copied. */
const skipped = (relative: string) => /(^|\/)test(\/|$)/.test(relative)

function* files(folder: string, relative = ''): Generator<string> {
  const here = path.join(folder, relative)
  if (!existsSync(here)) return
  for (const entry of readdirSync(here, { withFileTypes: true })) {
    const child = path.posix.join(relative, entry.name)
    if (entry.isDirectory()) yield* files(folder, child)
    else yield child
  }
}

function copy(relative: string): void {
  const target = path.join(dist, relative)
  mkdirSync(path.dirname(target), { recursive: true })
  copyFileSync(path.join(root, relative), target)
}

let copied = 0
copy('openapi.yaml')
for (const folder of sourceFolders) {
  for (const file of files(path.join(root, folder))) {
    const relative = path.posix.join(folder, file)
    if (skipped(relative) || !assetPattern.test(file)) continue
    copy(relative)
    copied++
  }
}

/** The source a file in dist/ came from: x.js and x.js.map from x.ts, an asset from itself. */
const sourceOf = (relative: string): string => relative.replace(/\.js(\.map)?$/, '.ts')
let removed = 0
for (const folder of sourceFolders) {
  for (const file of files(path.join(dist, folder))) {
    const relative = path.posix.join(folder, file)
    if (existsSync(path.join(root, sourceOf(relative))) && !skipped(relative)) continue
    rmSync(path.join(dist, relative))
    removed++
  }
}
process.stdout.write(`dist/: ${copied + 1} assets copied, ${removed} stale files removed\n`)
