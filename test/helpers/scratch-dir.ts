// A folder of the system's temporary one for a test's files (a models or tool-kinds config), removed when
// the test process exits: a suite run leaves nothing behind in /tmp.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const made: string[] = []

process.once('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true })
})

export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix))
  made.push(dir)
  return dir
}
