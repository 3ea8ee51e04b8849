// Rules, no SQL and no HTTP: what "not found" and "unknown agent" mean, as this plugin's error codes.
import { appError, toPage, type Page, type PageRequest } from '../../app/plugin-kit.js'
import {
  UnknownAgentError,
  type ExampleNote,
  type ExampleNoteChanges,
  type ExampleNotesRepo,
} from './example-notes.repo.js'

const notFound = (id: string) => appError('EXAMPLE_NOTES_NOT_FOUND', `No note with id ${id}.`, { id })

/** The repository's UnknownAgentError as a 422 naming the id; anything else as it was. */
const unknownAgent =
  (agentId: string | null | undefined) =>
  (error: unknown): never => {
    if (!(error instanceof UnknownAgentError)) throw error
    throw appError('EXAMPLE_NOTES_UNKNOWN_AGENT', `No agent with id ${agentId}.`, { agent_id: agentId })
  }

export function makeExampleNotesService({ exampleNotesRepo: repo }: { exampleNotesRepo: ExampleNotesRepo }) {
  return {
    async list(page: PageRequest): Promise<Page<ExampleNote>> {
      const { items, total } = await repo.list(page)
      return toPage(items, total, page)
    },
    async get(id: string): Promise<ExampleNote> {
      return (await repo.get(id)) ?? Promise.reject(notFound(id))
    },
    create: (title: string, body: string, agentId: string | null): Promise<ExampleNote> =>
      repo.create(title, body, agentId).catch(unknownAgent(agentId)),
    async update(id: string, changes: ExampleNoteChanges): Promise<ExampleNote> {
      const note = await repo.update(id, changes).catch(unknownAgent(changes.agent_id))
      return note ?? Promise.reject(notFound(id))
    },
    async delete(id: string): Promise<void> {
      if (!(await repo.delete(id))) throw notFound(id)
    },
  }
}

export type ExampleNotesService = ReturnType<typeof makeExampleNotesService>
