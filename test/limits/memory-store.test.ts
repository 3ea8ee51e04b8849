// The in-process limiter store (no REDIS_URL): its memory stays bounded whatever keys clients make it hold.
// Keys are tenant ids and, for failed authentications, client addresses, which an attacker chooses freely.
import { expect } from 'chai'
import { defaultMaxKeys, SlidingLog } from '../../app/limits/sliding-window.js'

const windowMs = 60_000

describe('SlidingLog (the in-process limiter store)', () => {
  it('forgets a key once its window has passed, though nobody uses that key again', () => {
    const log = new SlidingLog()
    for (let i = 0; i < 1000; i++) log.consume(`address-${i}`, 1, 5, windowMs, 0)
    expect(log.size).to.equal(1000)
    log.consume('address-new', 1, 5, windowMs, windowMs / 2)
    expect(log.size, 'all still in their window').to.equal(1001)
    log.consume('address-late', 1, 5, windowMs, windowMs + 1)
    expect(log.size, 'only the keys whose window has not passed').to.equal(2)
  })

  it('holds at most maxKeys keys under a flood of distinct keys inside one window', () => {
    const log = new SlidingLog({ maxKeys: 500 })
    let largest = 0
    for (let i = 0; i < 20_000; i++) {
      log.consume(`address-${i}`, 1, 5, windowMs, i)
      largest = Math.max(largest, log.size)
    }
    expect(largest).to.equal(500)
    expect(log.size).to.equal(500)
  })

  it(`holds at most ${defaultMaxKeys} keys by default`, () => {
    const log = new SlidingLog()
    for (let i = 0; i < defaultMaxKeys + 5_000; i++) log.consume(`k${i}`, 1, 5, windowMs, 0)
    expect(log.size).to.equal(defaultMaxKeys)
  })

  it('evicts the least recently used key first: a key in use keeps its count', () => {
    const log = new SlidingLog({ maxKeys: 3 })
    expect(log.consume('busy', 1, 1, windowMs, 0)[0]).to.equal(1)
    for (let i = 0; i < 10; i++) {
      log.consume(`passer-by-${i}`, 1, 5, windowMs, i)
      // busy is used again between each newcomer: still refused, its admitted request remembered.
      expect(log.consume('busy', 1, 1, windowMs, i)[0], `round ${i}`).to.be.above(1)
    }
    expect(log.size).to.equal(3)
  })

  it('still counts within the window as before: the limit, then refusals, then room again', () => {
    const log = new SlidingLog({ maxKeys: 10 })
    const consumed = [0, 1, 2, 3].map((t) => log.consume('tenant', 1, 3, 1000, t)[0])
    expect(consumed).to.deep.equal([1, 2, 3, 4])
    expect(log.consume('tenant', 1, 3, 1000, 1000.5)[0], 'the first request left the window').to.equal(3)
  })
})
