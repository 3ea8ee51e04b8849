// Rules, no SQL and no HTTP: here, only what "not found" means.
import { appError, toPage, type Page, type PageRequest } from '../../app/plugin-kit.js'
import type { ExampleNote, ExampleNotesRepo } from './example-notes.repo.js'

const notFound = (id: string) => appError('NOT_FOUND', `No note with id ${id}.`, { id })

export function makeExampleNotesService({ exampleNotesRepo: repo }: { exampleNotesRepo: ExampleNotesRepo }) {
  return {
    async list(page: PageRequest): Promise<Page<ExampleNote>> {
      const { items, total } = await repo.list(page)
      return toPage(items, total, page)
    },
    async get(id: string): Promise<ExampleNote> {
      return (await repo.get(id)) ?? Promise.reject(notFound(id))
    },
    create: (title: string, body: string): Promise<ExampleNote> => repo.create(title, body),
    async delete(id: string): Promise<void> {
      if (!(await repo.delete(id))) throw notFound(id)
    },
  }
}

export type ExampleNotesService = ReturnType<typeof makeExampleNotesService>
