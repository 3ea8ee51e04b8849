// The search mix of `search-listings`, shape by shape: each query run alone in this process through the
// service (as the API runs it, as the bench's searcher tenant), its statements recorded, then run again
// with EXPLAIN (ANALYZE, BUFFERS) as the app role, generic plans as the repo asks; prints per shape the
// buffers each statement touches, PostgreSQL's execution time and the in-process time of a search (median
// of --repeat). Deterministic figures (buffers) first: the machine is shared.
//
//   npx tsx bench/search-shapes.ts [--repeat 200] [--plans invoice,secuirty] [--listings 100000]
import { createHash } from 'node:crypto'
import postgres from 'postgres'
import { parseArgs } from 'node:util'
import { inTenantTransaction } from '../db/client.js'
import { makeDiscoverRepo } from '../plugins/marketplace/discover.repo.js'
import { makeTypoCorrections } from '../plugins/marketplace/discover.typos.js'
import { makeDiscoverService, type SearchRequest } from '../plugins/marketplace/discover.service.js'
import type { ListingSort } from '../plugins/marketplace/discover.cursor.js'
import { loadData, startServices, type Log } from './setup.js'
import { marketplaceSearchQueries } from './scenarios.js'

const { values } = parseArgs({
  options: {
    repeat: { type: 'string', default: '200' },
    plans: { type: 'string', default: '' },
    listings: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '' },
    keep: { type: 'boolean', default: false },
  },
})

const log: Log = (message) => process.stderr.write(`[shapes] ${message}\n`)

// The bench's own mix (bench/scenarios.ts), so the two never drift apart.
const mix = marketplaceSearchQueries

const requestOf = (query: string): SearchRequest => {
  const params = new URLSearchParams(query)
  return {
    limit: Number(params.get('limit') ?? 20),
    ...(params.has('q') ? { q: params.get('q')! } : {}),
    ...(params.has('sort') ? { sort: params.get('sort') as ListingSort } : {}),
    ...(params.has('category') ? { category: params.get('category')! } : {}),
    ...(params.has('tag') ? { tag: params.get('tag')! } : {}),
    ...(params.has('cursor') ? { cursor: params.get('cursor')! } : {}),
  }
}

interface PlanNode {
  'Node Type': string
  'Relation Name'?: string
  'Index Name'?: string
  'Shared Hit Blocks'?: number
  'Shared Read Blocks'?: number
  Plans?: PlanNode[]
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN

async function main() {
  const services = await startServices(log, 1)
  try {
    const data = await loadData(
      services.database.ownerUrl,
      {
        big: { tools: 1, agents: 1, executions: 10 },
        huge: { executions: 10 },
        small: { tenants: 8, tools: 1, agents: 1, executions: 1 },
        // As the bench: its install listings are the newest published ones.
        installListings: 20_000,
        listings: Number(values.listings),
      },
      log,
    )
    const searcher = data.small[3]!
    const owner = postgres(services.database.ownerUrl, { max: 1, onnotice: () => undefined })
    await owner`vacuum (analyze) marketplace_search_terms, marketplace_draft_words, marketplace_search`
    await owner.end()
    const statements: { text: string; parameters: unknown[] }[] = []
    let recording = false
    const app = postgres(services.database.appUrl, {
      max: 1,
      onnotice: () => undefined,
      transform: { undefined: null },
      debug: (_c, text, parameters: unknown[]) => {
        if (recording) statements.push({ text, parameters })
      },
    })
    const search = (request: SearchRequest, typos = makeTypoCorrections()) =>
      inTenantTransaction(app, searcher.tenantId, (tx) =>
        makeDiscoverService({
          marketplaceDiscoverRepo: makeDiscoverRepo({
            tx,
            tenantId: searcher.tenantId,
            config: { heavyReadTimeoutMs: 30_000 },
          }),
          marketplaceTypoCorrections: typos,
        }).search(request),
      )
    const explain = (text: string, parameters: unknown[]) =>
      inTenantTransaction(app, searcher.tenantId, async (tx) => {
        const { types } = await tx.unsafe(text).describe()
        const [declared] = await tx<{ names: string[] }[]>`
          select coalesce(array_agg(format_type(t, null) order by n), '{}') as names
            from unnest(${types}::oid[]) with ordinality u(t, n)`
        await tx`select set_config('plan_cache_mode', 'force_generic_plan', true)`
        const typeList = declared!.names.length ? ` (${declared!.names.join(', ')})` : ''
        await tx.unsafe(`prepare shape_plan${typeList} as ${text}`)
        const literal = parameters.map((value) =>
          value === null ? 'null' : `'${(value as string).replaceAll("'", "''")}'`,
        )
        const run = (format: string) =>
          tx
            .unsafe(
              `explain (analyze, buffers, ${format}) execute shape_plan${literal.length ? ` (${literal.join(', ')})` : ''}`,
            )
            .simple()
        const [json] = await run('format json')
        const textPlan = await run('format text')
        await tx.unsafe('deallocate shape_plan')
        const top = (json as unknown as { 'QUERY PLAN': { Plan: PlanNode; 'Execution Time': number }[] })[
          'QUERY PLAN'
        ][0]!
        return {
          buffers: (top.Plan['Shared Hit Blocks'] ?? 0) + (top.Plan['Shared Read Blocks'] ?? 0),
          ms: top['Execution Time'],
          text: textPlan.map((row) => (row as Record<string, string>)['QUERY PLAN']).join('\n'),
        }
      })
    const wanted = values.queries ? values.queries.split(',') : mix
    const rows: string[] = []
    for (const query of wanted) {
      const request = requestOf(query)
      statements.length = 0
      recording = true
      const page = await search(request)
      recording = false
      const sent = statements.filter(
        ({ text }) =>
          !/^\s*(begin|commit|select set_config\('app\.|select set_config\('statement)/i.test(text),
      )
      const parts: string[] = []
      for (const { text, parameters } of sent) {
        if (/^\s*select set_config/i.test(text)) continue
        const plan = await explain(text, parameters)
        parts.push(`${plan.buffers} buf ${plan.ms.toFixed(2)} ms`)
        if (values.plans.split(',').some((p) => p && query.includes(p)))
          process.stderr.write(`--- ${query}\n${text}\n${plan.text}\n`)
      }
      // What the search answers, over three pages (to compare builds: the slugs in order, whether more follow).
      const seen: string[] = []
      for (let next: SearchRequest | undefined = request, n = 0; next && n < 3; n++) {
        const answer = await search(next)
        seen.push(
          ...answer.items.map((item) => `${item.slug}:${item.status}:${item.owned}`),
          `${answer.has_more}`,
        )
        next = answer.next_cursor === null ? undefined : { ...request, cursor: answer.next_cursor }
      }
      const digest = createHash('sha256').update(seen.join(',')).digest('hex').slice(0, 10)
      // Warm, with a cache of typo corrections shared like the API's.
      const typos = makeTypoCorrections()
      const times: number[] = []
      for (let i = 0; i < Number(values.repeat); i++) {
        const started = performance.now()
        await search(request, typos)
        times.push(performance.now() - started)
      }
      rows.push(
        `${query.padEnd(30)} ${String(page.items.length).padStart(3)} items ${digest}  ` +
          `search ${median(times).toFixed(2)} ms  ${parts.join(' | ')}`,
      )
      log(rows.at(-1)!)
    }
    process.stdout.write(rows.join('\n') + '\n')
    await app.end({ timeout: 5 })
    if (values.keep) {
      // For experiments by hand (psql): until SIGINT.
      log(
        `kept: superuser ${services.database.superuserUrl} app ${services.database.appUrl} searcher ${searcher.tenantId}`,
      )
      await new Promise((resolve) => process.once('SIGINT', resolve))
    }
  } finally {
    await services.stop()
  }
}

await main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(String(error instanceof Error ? error.stack : error))
    process.exit(1)
  },
)
