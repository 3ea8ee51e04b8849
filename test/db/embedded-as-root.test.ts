// The checks behind "as root, keep what the postgres user cannot reach where it can": which paths a user can
// reach, by real files and modes, and which folders may hold what root runs. (The whole start as root in a 0700
// folder, and as an unprivileged user, is test/system/embedded-folders.test.ts.)
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect } from 'chai'
import { EmbeddedPlacementError, reachableBy, rootOnlyFolder, type Ids } from '../../db/embedded-as-root.js'

const someoneElse: Ids = { uid: 65534, gid: 65534 }
const root = process.getuid?.() === 0

describe('embedded PostgreSQL as root: what the postgres user can reach', () => {
  let folder: string

  beforeEach(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'map-reach-'))
    mkdirSync(path.join(folder, 'bin'))
    writeFileSync(path.join(folder, 'bin', 'initdb'), '#!/bin/sh\n', { mode: 0o755 })
  })
  afterEach(() => rmSync(folder, { recursive: true, force: true }))

  it('reaches nothing inside a folder of mode 0700 (mktemp -d), whatever the modes below it', () => {
    chmodSync(folder, 0o700)
    expect(reachableBy(path.join(folder, 'bin', 'initdb'), someoneElse)).to.be.false
    expect(reachableBy(folder, someoneElse)).to.be.false
  })

  it('reaches a program when every folder on the way is searchable by others', () => {
    chmodSync(folder, 0o755)
    expect(reachableBy(path.join(folder, 'bin', 'initdb'), someoneElse)).to.be.true
  })

  it('does not run a program others may not execute', () => {
    chmodSync(folder, 0o755)
    chmodSync(path.join(folder, 'bin', 'initdb'), 0o744)
    expect(reachableBy(path.join(folder, 'bin', 'initdb'), someoneElse)).to.be.false
  })

  it('checks the path as written too: a link in a closed folder to an open one is not reachable', () => {
    const open = path.join(folder, 'open')
    const closed = path.join(folder, 'closed')
    mkdirSync(open, { mode: 0o755 })
    mkdirSync(closed, { mode: 0o700 })
    chmodSync(folder, 0o755)
    symlinkSync(open, path.join(closed, 'link'))
    expect(reachableBy(open, someoneElse)).to.be.true
    expect(reachableBy(path.join(closed, 'link'), someoneElse)).to.be.false
    // ...and a link in an open folder to a closed one is not reachable either.
    symlinkSync(closed, path.join(open, 'back'))
    expect(reachableBy(path.join(open, 'back'), someoneElse)).to.be.false
  })

  it("counts the owner's bits for the owner and the group's for the group, as the kernel does", () => {
    const me: Ids = { uid: process.getuid!(), gid: process.getgid!() }
    chmodSync(folder, 0o700)
    expect(reachableBy(folder, me)).to.be.true
    expect(reachableBy(folder, { uid: someoneElse.uid, gid: me.gid })).to.be.false
    chmodSync(folder, 0o710)
    expect(reachableBy(folder, { uid: someoneElse.uid, gid: me.gid })).to.be.true
    // The owner class decides for the owner even when others may search.
    chmodSync(folder, 0o601)
    expect(reachableBy(folder, me)).to.be.false
  })

  it('does not reach what does not exist', () => {
    expect(reachableBy(path.join(folder, 'missing'), someoneElse)).to.be.false
  })
})

describe('embedded PostgreSQL as root: the shared folder (EMBEDDED_PG_SHARED_DIR)', () => {
  let folder: string
  const expectRefused = (dir: string, why: RegExp) => {
    let error: unknown
    try {
      rootOnlyFolder(dir, someoneElse)
    } catch (caught) {
      error = caught
    }
    expect(error).to.be.instanceOf(EmbeddedPlacementError)
    expect((error as Error).message).to.match(why)
    expect((error as Error).message, 'one line').not.to.include('\n')
    expect((error as Error).message).to.include('EMBEDDED_PG_SHARED_DIR')
  }

  beforeEach(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'map-shared-'))
    chmodSync(folder, 0o755)
  })
  afterEach(() => rmSync(folder, { recursive: true, force: true }))

  if (root) {
    it('as root: is created 0755 when missing, and accepted when only root can change it', () => {
      const created = path.join(folder, 'a', 'b')
      expect(rootOnlyFolder(created, someoneElse)).to.equal(created)
      expect(reachableBy(created, someoneElse)).to.be.true
      expect(rootOnlyFolder(created, someoneElse)).to.equal(created)
    })

    it('as root: is made enterable by the postgres user whatever the umask', () => {
      const previous = process.umask(0o077)
      try {
        const created = path.join(folder, 'x', 'y')
        expect(rootOnlyFolder(created, someoneElse)).to.equal(created)
        expect(reachableBy(created, someoneElse)).to.be.true
      } finally {
        process.umask(previous)
      }
    })

    it('as root: may be a link of root’s, judged by where it leads too', () => {
      const target = path.join(folder, 'target')
      mkdirSync(target, { mode: 0o755 })
      chmodSync(target, 0o755)
      symlinkSync(target, path.join(folder, 'link'))
      expect(rootOnlyFolder(path.join(folder, 'link'), someoneElse)).to.equal(path.join(folder, 'link'))
      chmodSync(target, 0o777)
      expectRefused(path.join(folder, 'link'), new RegExp(`${target} is not a folder only root can change`))
    })

    it('as root: is refused, in one line saying what to do, when others may write it', () => {
      chmodSync(folder, 0o777)
      expectRefused(folder, /is not a folder only root can change: fix its owner and mode/)
    })

    it('as root: is refused when another user owns it (or a folder above it)', () => {
      const below = path.join(folder, 'below')
      mkdirSync(below, { mode: 0o755 })
      chmodSync(below, 0o755)
      expect(rootOnlyFolder(below, someoneElse)).to.equal(below)
      chownSync(folder, someoneElse.uid, someoneElse.gid)
      expectRefused(below, new RegExp(`${folder} is not a folder only root can change`))
    })

    it('as root: is refused when the postgres user cannot enter it', () => {
      chmodSync(folder, 0o700)
      expectRefused(folder, /which the postgres user cannot enter/)
    })
  } else {
    it('not root: a folder of ours is refused, since root will run what it holds', () => {
      expectRefused(folder, /is not a folder only root can change/)
    })
  }
})
