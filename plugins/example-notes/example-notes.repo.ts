// SQL only, as postgres.js tagged templates. Name tenant_id in every WHERE: RLS enforces isolation, the
// predicate lets the planner pick the tenant's index range.
import type { PageRequest, TransactionSql } from '../../app/plugin-kit.js'

export interface ExampleNote {
  id: string
  title: string
  body: string
  created_at: Date
}

export function makeExampleNotesRepo({ tx, tenantId }: { tx: TransactionSql; tenantId: string }) {
  return {
    async list(page: PageRequest): Promise<{ items: ExampleNote[]; total: number }> {
      const [items, [count]] = await Promise.all([
        tx<ExampleNote[]>`
          select id, title, body, created_at from example_notes
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
        select id, title, body, created_at from example_notes where tenant_id = ${tenantId} and id = ${id}`
      return note
    },

    async create(title: string, body: string): Promise<ExampleNote> {
      const [note] = await tx<ExampleNote[]>`
        insert into example_notes (tenant_id, title, body) values (${tenantId}, ${title}, ${body})
        returning id, title, body, created_at`
      return note!
    },

    async delete(id: string): Promise<boolean> {
      const rows =
        await tx`delete from example_notes where tenant_id = ${tenantId} and id = ${id} returning id`
      return rows.length > 0
    },
  }
}

export type ExampleNotesRepo = ReturnType<typeof makeExampleNotesRepo>
