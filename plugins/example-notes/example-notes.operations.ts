// Thin handlers keyed by operationId: read the validated request, call the service, shape the reply.
import { pageRequest, type Operation } from '../../app/plugin-kit.js'
import type { ExampleNoteChanges } from './example-notes.repo.js'

export const listExampleNotes: Operation = async ({ query, services }) => ({
  status: 200,
  body: await services.exampleNotesService.list(pageRequest(query)),
})

export const createExampleNote: Operation = async ({ body, services }) => {
  const { title, body: text, agent_id } = body as { title: string; body: string; agent_id?: string | null }
  return { status: 201, body: await services.exampleNotesService.create(title, text, agent_id ?? null) }
}

export const getExampleNote: Operation = async ({ params, services }) => ({
  status: 200,
  body: await services.exampleNotesService.get(params.id!),
})

export const updateExampleNote: Operation = async ({ params, body, services }) => ({
  status: 200,
  body: await services.exampleNotesService.update(params.id!, body as ExampleNoteChanges),
})

export const deleteExampleNote: Operation = async ({ params, services }) => {
  await services.exampleNotesService.delete(params.id!)
  return { status: 204 }
}
