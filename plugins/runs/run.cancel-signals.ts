// Cancelling a run from anywhere: POST /executions/{id}/cancel marks the run (cancel_requested_at) and
// NOTIFYs; the process whose loop drives that run (a worker, or the API process holding a foreground
// request) aborts the run's signal, which stops its current model or tool call. One LISTEN per process
// (postgres.js shares it with the event streams' listener). A missed notification costs at most a step: the
// loop also finds the mark on the row at its next step boundary (run.loop.ts).
import type { Cradle } from '../../app/plugin-kit.js'

export const cancelChannel = 'execution_cancel'

export interface RunCancelWatch {
  /** Aborted when a cancel is asked for this run. */
  readonly signal: AbortSignal
  /** Aborts it here: the loop found the mark on the row (the notification was missed). */
  cancel(): void
  /** Stops watching (the run's loop has ended). */
  close(): void
}

export interface RunCancelSignals {
  watch(tenantId: string, executionId: string): RunCancelWatch
  /** Stops listening (the container is disposed). */
  stop(): Promise<void>
}

export function makeRunCancelSignals({ sql, logger }: Pick<Cradle, 'sql' | 'logger'>): RunCancelSignals {
  const watched = new Map<string, AbortController>()
  let listening: Promise<{ unlisten: () => Promise<void> } | undefined> | undefined
  const listen = () =>
    (listening ??= sql
      .listen(cancelChannel, (payload) => watched.get(payload)?.abort())
      .catch((err: unknown) => {
        listening = undefined
        logger.warn({ err }, 'run cancel: LISTEN failed; runs find a cancel at their next step boundary')
        return undefined
      }))
  // At boot, not at the first run: a run then sends only its own statements.
  void listen()

  return {
    async stop() {
      const listener = await listening
      listening = undefined
      await listener?.unlisten().catch(() => undefined)
    },
    watch(tenantId, executionId) {
      void listen()
      const key = `${tenantId}:${executionId}`
      const controller = new AbortController()
      watched.set(key, controller)
      return {
        signal: controller.signal,
        cancel: () => controller.abort(),
        close: () => {
          if (watched.get(key) === controller) watched.delete(key)
        },
      }
    },
  }
}
