// SQL only, as postgres.js tagged templates. Name tenant_id in every WHERE: RLS enforces isolation, the
// predicate lets the planner pick the tenant's index range.
import { isForeignKeyViolation, type PageRequest, type TransactionSql } from '../../app/plugin-kit.js'

export interface ExampleNote {
  id: string
  title: string
  body: string
  agent_id: string | null
  created_at: Date
  updated_at: Date
}

/** A PATCH: only the fields present change; `agent_id: null` unlinks the agent. */
export interface ExampleNoteChanges {
  title?: string
  body?: string
  agent_id?: string | null
}

/** The agent the note names is not one of the tenant's (the composite foreign key said so). */
export class UnknownAgentError extends Error {}

/** Turns the foreign key's refusal into an error the service can name; anything else is rethrown. */
const unknownAgent = (error: unknown): never => {
  throw isForeignKeyViolation(error, 'example_notes_agent_fkey') ? new UnknownAgentError() : error
}

export function makeExampleNotesRepo({ tx, tenantId }: { tx: TransactionSql; tenantId: string }) {
  return {
    async list(page: PageRequest): Promise<{ items: ExampleNote[]; total: number }> {
      const [items, [count]] = await Promise.all([
        tx<ExampleNote[]>`
          select id, title, body, agent_id, created_at, updated_at from example_notes
           where tenant_id = ${tenantId}
           order by created_at desc, id desc
           limit ${page.limit} offset ${page.offset}`,
        tx<
          { total: number }[]
        >`select count(*)::int as total from example_notes where tenant_id = ${tenantId}`,
      ])
      return { items, total: count?.total ?? 0 }
    },

    async get(id: string): Promise<ExampleNote | undefined> {
      const [note] = await tx<ExampleNote[]>`
        select id, title, body, agent_id, created_at, updated_at from example_notes where tenant_id = ${tenantId} and id = ${id}`
      return note
    },

    async create(title: string, body: string, agentId: string | null): Promise<ExampleNote> {
      const [note] = await tx<ExampleNote[]>`
        insert into example_notes (tenant_id, title, body, agent_id)
        values (${tenantId}, ${title}, ${body}, ${agentId})
        returning id, title, body, agent_id, created_at, updated_at`.catch(unknownAgent)
      return note!
    },

    /**
     * Writes the note with this id unless it exists (a repeated event delivery): true when it wrote it.
     * UnknownAgentError when the agent is not (or no longer) one of the tenant's.
     */
    async createOnce(
      id: string,
      note: { title: string; body: string; agentId: string | null },
    ): Promise<boolean> {
      const rows = await tx`
        insert into example_notes (tenant_id, id, title, body, agent_id)
        values (${tenantId}, ${id}, ${note.title}, ${note.body}, ${note.agentId})
        on conflict (tenant_id, id) do nothing
        returning id`.catch(unknownAgent)
      return rows.length > 0
    },

    async update(id: string, changes: ExampleNoteChanges): Promise<ExampleNote | undefined> {
      const [note] = await tx<ExampleNote[]>`
        update example_notes
           set title = coalesce(${changes.title ?? null}, title),
               body = coalesce(${changes.body ?? null}, body),
               agent_id = case when ${'agent_id' in changes} then ${changes.agent_id ?? null}::uuid
                               else agent_id end,
               updated_at = now()
         where tenant_id = ${tenantId} and id = ${id}
        returning id, title, body, agent_id, created_at, updated_at`.catch(unknownAgent)
      return note
    },

    async delete(id: string): Promise<boolean> {
      const rows =
        await tx`delete from example_notes where tenant_id = ${tenantId} and id = ${id} returning id`
      return rows.length > 0
    },
  }
}

export type ExampleNotesRepo = ReturnType<typeof makeExampleNotesRepo>
