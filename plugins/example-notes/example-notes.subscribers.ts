// Reacting to runs (plugins/README.md, "Reacting to runs"): when a run fails, a note for its agent. The
// runs plugin delivers the event after the run's transaction committed, at least once, in a job pinned to
// the run's tenant; the note's id is derived from the event's id, so a second delivery writes nothing.
// EXAMPLE_NOTES_ON_RUN_FAILURE=false turns it off: the subscriber then wants no event, and runs enqueue none.
import { createHash } from 'node:crypto'
import type { RunEventSubscriber } from '../runs/run.subscribers.js'
import { UnknownAgentError } from './example-notes.repo.js'

/** A uuid fixed by the event (and this subscriber): the note a repeated delivery would write again. */
export function noteIdFor(eventId: string): string {
  const hex = createHash('sha256').update(`example-notes.on-failure\n${eventId}`).digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

export const onRunFailed: RunEventSubscriber<'execution.failed'> = {
  name: 'example-notes.on-failure',
  events: ['execution.failed'],
  // Asked in the run's own transaction: turned off, no delivery job is made at all.
  interest: ({ exampleNotesConfig }) =>
    Promise.resolve(exampleNotesConfig.noteFailedRuns ? ['execution.failed'] : []),
  async handle(event, { inTransaction }) {
    const execution = event.data
    const code = typeof execution.error?.error_code === 'string' ? execution.error.error_code : 'UNKNOWN'
    const note = (agentId: string | null) =>
      inTransaction(({ exampleNotesRepo }) =>
        exampleNotesRepo.createOnce(noteIdFor(event.id), {
          title: `Run ${execution.id} failed`,
          body: `Run ${execution.id} failed: ${code}`,
          agentId,
        }),
      )
    // The agent may have been deleted since the run: the note then names none.
    await note(execution.agent_id).catch((error: unknown) => {
      if (error instanceof UnknownAgentError) return note(null)
      throw error
    })
  },
}
