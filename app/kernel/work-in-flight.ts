// Operation handlers still running. A handler can outlive its connection: a client that goes away (or is
// cut at the shutdown deadline) ends the connection, while its run goes on to record its outcome. Shutdown
// therefore waits for these, not only for the connections, before it disposes the container: a singleton
// resolved after that would be built a second time (prom-client refuses a metric registered twice, so the
// run answered 500 and was never recorded).

export interface WorkInFlight {
  /** Marks a handler as started; call the returned function exactly once, when it has ended. */
  begin(): () => void
  /** Handlers running now. */
  readonly count: number
  /** Resolves true once none is running, or false when timeoutMs passes first. */
  settled(timeoutMs: number): Promise<boolean>
}

export function makeWorkInFlight(): WorkInFlight {
  let count = 0
  let idle: (() => void)[] = []
  const end = () => {
    count--
    if (count > 0) return
    const waiters = idle
    idle = []
    for (const wake of waiters) wake()
  }
  return {
    begin() {
      count++
      let ended = false
      return () => {
        if (ended) return
        ended = true
        end()
      }
    },
    get count() {
      return count
    },
    settled(timeoutMs) {
      if (count === 0) return Promise.resolve(true)
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          idle = idle.filter((wake) => wake !== done)
          resolve(false)
        }, timeoutMs)
        const done = () => {
          clearTimeout(timer)
          resolve(true)
        }
        idle.push(done)
      })
    },
  }
}
