// CPU time of a process tree (the API: a server process, or a cluster's primary and its workers), read from
// /proc on Linux: utime + stime of each process (all its threads: the event loop, libuv's pool, V8's GC and
// compiler threads), in seconds. A worker that exits takes its CPU time with it, so sample around a run in
// which the tree does not change (the bench checks the process count).
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'

/** Clock ticks per second of /proc's times (USER_HZ; 100 on every common Linux). */
let ticksPerSecond: number | undefined
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
    } catch {
      ticksPerSecond = 100
    }
  }
  return ticksPerSecond
}

interface Stat {
  pid: number
  ppid: number
  /** utime + stime, in clock ticks. */
  ticks: number
}

/** /proc/<pid>/stat; the command name (field 2) may hold spaces and parentheses, so parse after the last ')'. */
function readStat(pid: number): Stat | undefined {
  let text: string
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch {
    return undefined
  }
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ')
  // After the name: state(3) ppid(4) ... utime(14) stime(15); fields[0] is field 3.
  return { pid, ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) }
}

const allPids = (): number[] =>
  readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)

/** The process and every process below it (children, their children...), by pid. */
export function processTree(root: number): number[] {
  const byParent = new Map<number, number[]>()
  for (const pid of allPids()) {
    const stat = readStat(pid)
    if (!stat) continue
    byParent.set(stat.ppid, [...(byParent.get(stat.ppid) ?? []), pid])
  }
  const tree: number[] = []
  const queue = [root]
  while (queue.length > 0) {
    const pid = queue.shift()!
    tree.push(pid)
    queue.push(...(byParent.get(pid) ?? []))
  }
  return tree
}

export interface TreeCpu {
  /** user + system CPU seconds of the processes alive now. */
  seconds: number
  /** read and write system calls (read, write, writev... : /proc/<pid>/io syscr + syscw) made so far. */
  syscalls: number
  pids: number[]
}

/** syscr + syscw of /proc/<pid>/io: the process's read- and write-family system calls (sockets included). */
function readSyscalls(pid: number): number {
  try {
    const io = readFileSync(`/proc/${pid}/io`, 'utf8')
    return Number(/syscr: (\d+)/.exec(io)?.[1] ?? 0) + Number(/syscw: (\d+)/.exec(io)?.[1] ?? 0)
  } catch {
    return 0
  }
}

/**
 * CPU seconds used so far by the trees under the roots (the API, and the job workers' process when they run
 * apart); undefined where /proc cannot be read (not Linux).
 */
export function treeCpu(roots: number | readonly number[]): TreeCpu | undefined {
  const list = typeof roots === 'number' ? [roots] : roots
  if (!list.every((root) => readStat(root))) return undefined
  const pids = list.flatMap((root) => processTree(root))
  let ticks = 0
  let syscalls = 0
  for (const pid of pids) {
    ticks += readStat(pid)?.ticks ?? 0
    syscalls += readSyscalls(pid)
  }
  return { seconds: ticks / clockTicks(), syscalls, pids }
}

/**
 * CPU seconds used so far by every process whose command name is `name` (e.g. `postgres`: the server and
 * all its backends; `redis-server`), for a figure beside the API's. Backends that exited in between take
 * theirs with them, so compare around runs in which the pools stay open.
 */
export function commandCpu(name: string): number {
  let ticks = 0
  for (const pid of allPids()) {
    let comm: string
    try {
      comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim()
    } catch {
      continue
    }
    if (comm === name) ticks += readStat(pid)?.ticks ?? 0
  }
  return ticks / clockTicks()
}
