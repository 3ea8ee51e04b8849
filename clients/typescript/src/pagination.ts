// Lists as async iterators. Every list pages with `limit` and `offset`; the history lists also answer a
// `next_cursor`, which is followed when present: a cursor page costs the same at any depth, and executions
// recorded meanwhile neither repeat nor shift the pages.

/** Where the next page starts: an offset, or (for lists that give one) the previous page's cursor. */
export type PagePosition = { offset: number; cursor?: never } | { cursor: string; offset?: never }

export interface Page<Item> {
  items: Item[]
  has_more: boolean
  next_cursor?: string | null
}

/** Every item of every page, fetching the next page only when the caller gets there. */
export async function* paginate<Item>(
  fetchPage: (position: PagePosition) => Promise<Page<Item>>,
): AsyncGenerator<Item, void, undefined> {
  let position: PagePosition = { offset: 0 }
  for (;;) {
    const page = await fetchPage(position)
    yield* page.items
    if (!page.has_more || page.items.length === 0) return
    position =
      typeof page.next_cursor === 'string'
        ? { cursor: page.next_cursor }
        : { offset: (position.offset ?? 0) + page.items.length }
  }
}
