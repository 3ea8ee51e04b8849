// Tenant isolation under random operations. fast-check generates sequences of API calls by three fresh
// tenants (create, replace, patch and delete tools and agents, link tools to agents, run agents, list with
// name filters, get by id, read history and usage, some creates and runs with an Idempotency-Key that
// all tenants draw from the same few of, and retries of them; marketplace installs of every tenant's
// published listing, of drafts and of missing ones, and upgrades of installed agents, dry runs included),
// aiming ids and names at the tenant's own resources, at other tenants' and at missing ones. They are interpreted one by one against the real app
// and database, next to a model of what each tenant created. Checked:
//
// (1) after every response, error bodies included: no id, name, role, description or prompt of another
//     tenant, nor its tenant id, unless the request itself carried it (a 404 names the id asked for);
// (2) no 5xx, and the status and error_code are documented for the operation (the contract guard,
//     drained after each response so that a breach fails the sequence that caused it);
// (3) every answer is the one the model predicts; another tenant's id answers exactly like a never-used
//     one (the request is sent again with never-used ids and the answers compared), so 404 NOT_FOUND, or
//     422 UNKNOWN_TOOL listing the foreign tool ids, never 409 TOOL_IN_USE or a replay of another
//     tenant's idempotent answer;
// (4) at the end, each tenant reads back exactly its model through the API (every page of tools, agents
//     and history), and the database, read as a superuser, holds exactly the modelled rows of tools,
//     agents, agent_tools, execution_logs and marketplace_installs, each under its creator's tenant_id.
//
// Each tenant publishes one listing (versions 0.9.0 yanked, 1.0.0 and 1.1.0 published, 1.2.0 validating)
// and has one draft, written with SQL as the publish part leaves them; their texts are public (no marker).
//
// Every text a tenant invents starts with a marker T<tenant>#<n><field># followed by generated characters
// (quotes, backslashes, %, _, URL specials, non-ASCII); the markers are what invariant (1) searches for.
//
// ISOLATION_PROPERTY_SEED / ISOLATION_PROPERTY_RUNS change the seed and the number of sequences;
// ISOLATION_PROPERTY_PATH (with the seed) replays the counterexample fast-check reports on a failure.
import { randomUUID } from 'node:crypto'
import { expect } from 'chai'
import fc from 'fast-check'
import type { Response } from 'supertest'
import { asTenant, createTestTenant, drainContractViolations, type TestTenant } from '../helpers/api.js'
import { testStack } from '../harness/stack.js'
import { agentPackage, publishListing, uniqueSlug } from '../../plugins/marketplace/test/install.fixtures.js'
import { compareVersions } from '../../plugins/marketplace/marketplace.views.js'

const seed = Number(process.env.ISOLATION_PROPERTY_SEED ?? 424242)
const numRuns = Number(process.env.ISOLATION_PROPERTY_RUNS ?? 30)
const replayPath = process.env.ISOLATION_PROPERTY_PATH
/** A sequence takes about half a second; a slow machine gets eight times that before it counts as failed. */
const timeLimit = Math.max(240_000, numRuns * 4_000)

const tenantCount = 3
const model = 'gpt-4o'

// ---------------------------------------------------------------------------------------------------
// What is generated: operation descriptors. Ids and names are not known when generating, so operations
// name them by reference: an index into the acting tenant's own ones, into everybody's ('any', mostly
// another tenant's), or a uuid nobody used ('missing').

type Pool = 'own' | 'any' | 'missing'
interface Ref {
  pool: Pool
  index: number
  missing: string
}
interface NameChoice {
  source: 'fresh' | 'own' | 'any'
  index: number
  suffix: string
}
interface NameFilter {
  source: 'own' | 'any' | 'missing'
  index: number
  suffix: string
}
type GroupBy = 'model' | 'agent' | 'day'
/** Creates and runs may carry Idempotency-Key key-<n>; every tenant draws from the same few keys. */
type IdempotencyKey = number | undefined

type Op =
  | { op: 'createTool'; t: number; name: NameChoice; description: string; key: IdempotencyKey }
  | {
      op: 'updateTool'
      t: number
      method: 'put' | 'patch'
      target: Ref
      name?: NameChoice
      description?: string
    }
  | { op: 'deleteTool'; t: number; target: Ref }
  | {
      op: 'createAgent'
      t: number
      name: NameChoice
      role: string
      description: string
      tools?: Ref[]
      key: IdempotencyKey
    }
  | {
      op: 'updateAgent'
      t: number
      method: 'put' | 'patch'
      target: Ref
      name?: NameChoice
      role?: string
      description?: string
      tools?: Ref[]
    }
  | { op: 'deleteAgent'; t: number; target: Ref }
  | {
      op: 'runAgent'
      t: number
      target: Ref
      prompt: string
      stream: 'absent' | 'false'
      key: IdempotencyKey
    }
  | { op: 'retry'; t: number }
  | { op: 'listTools'; t: number; agentName?: NameFilter }
  | { op: 'listAgents'; t: number; toolName?: NameFilter }
  | { op: 'getTool'; t: number; target: Ref }
  | { op: 'getAgent'; t: number; target: Ref }
  | { op: 'listHistory'; t: number; agent?: Ref }
  | { op: 'getExecution'; t: number; target: Ref }
  | { op: 'agentHistory'; t: number; target: Ref }
  | { op: 'usage'; t: number; groupBy?: GroupBy }
  | { op: 'install'; t: number; listing: ListingRef; version: VersionChoice; agentName?: NameChoice }
  | {
      op: 'upgrade'
      t: number
      target: Ref
      installed: boolean
      version: VersionChoice
      dryRun: boolean
      /** First edit the installed agent's description, as a PATCH would (a local edit the upgrade meets). */
      edit?: string
    }

/** A listing to install: another tenant's published one, the tenant's own, anybody's draft, or none. */
interface ListingRef {
  pool: 'other' | 'own' | 'draft' | 'missing'
  index: number
}
/** The versions every listing has (0.9.0 yanked, 1.2.0 validating), one nobody published, or none. */
type VersionChoice = 'default' | '0.9.0' | '1.0.0' | '1.1.0' | '1.2.0' | '9.9.9'

const tenantArb = fc.integer({ min: 0, max: tenantCount - 1 })
/** A reference to an id, drawn from the acting tenant's own ids, everybody's, or none, in these proportions. */
const refArb = (own: number, any: number, missing: number): fc.Arbitrary<Ref> =>
  fc.record({
    pool: fc.oneof(
      { arbitrary: fc.constant<Pool>('own'), weight: own },
      { arbitrary: fc.constant<Pool>('any'), weight: any },
      { arbitrary: fc.constant<Pool>('missing'), weight: missing },
    ),
    index: fc.nat({ max: 1000 }),
    missing: fc.uuid(),
  })
/** The target of an operation: as often another tenant's (or a missing) id as an own one. */
const targetArb = refArb(4, 3, 1)
/** A tool to link: mostly own, so that agents get created and linked, sometimes foreign or missing. */
const linkArb = refArb(8, 2, 1)
/** The tool to delete: more often an own one, so that linked tools (TOOL_IN_USE) come up. */
const deleteToolArb = refArb(6, 3, 1)

// Characters a client may well send: quotes, backslashes, LIKE wildcards, URL specials, non-ASCII, an
// astral character and a no-break space (whitespace, so it must not end a name). Never '#', which only
// markers use.
const nameChars = [...'abzQ07 -_%\'"\\/?&+=.,<>*()[]{}', 'é', 'ß', '日', 'Ω', '🙂', '\u00a0']
const textArb = (chars: string[], maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...chars), maxLength })
const nameSuffixArb = textArb(nameChars, 24)
const roleArb = textArb(nameChars, 30)
const longTextArb = textArb([...nameChars, '\n', '\t'], 40)

const nameChoiceArb: fc.Arbitrary<NameChoice> = fc.record({
  source: fc.oneof(
    { arbitrary: fc.constant<NameChoice['source']>('fresh'), weight: 4 },
    { arbitrary: fc.constant<NameChoice['source']>('own'), weight: 1 },
    { arbitrary: fc.constant<NameChoice['source']>('any'), weight: 1 },
  ),
  index: fc.nat({ max: 1000 }),
  suffix: nameSuffixArb,
})
const nameFilterArb: fc.Arbitrary<NameFilter> = fc.record({
  source: fc.constantFrom<NameFilter['source']>('own', 'any', 'missing'),
  index: fc.nat({ max: 1000 }),
  suffix: nameSuffixArb,
})
const toolRefsArb = fc.array(linkArb, { maxLength: 3 })
const methodArb = fc.constantFrom<'put' | 'patch'>('put', 'patch')

const keyArb: fc.Arbitrary<IdempotencyKey> = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 3 },
  { arbitrary: fc.integer({ min: 0, max: 3 }), weight: 1 },
)
const createToolArb = (t: fc.Arbitrary<number>): fc.Arbitrary<Op> =>
  fc.record({
    op: fc.constant('createTool' as const),
    t,
    name: nameChoiceArb,
    description: longTextArb,
    key: keyArb,
  })
const createAgentArb = (t: fc.Arbitrary<number>): fc.Arbitrary<Op> =>
  fc.record(
    {
      op: fc.constant('createAgent' as const),
      t,
      name: nameChoiceArb,
      role: roleArb,
      description: longTextArb,
      tools: toolRefsArb,
      key: keyArb,
    },
    { requiredKeys: ['op', 't', 'name', 'role', 'description', 'key'] },
  )
const runAgentArb = (t: fc.Arbitrary<number>, target: fc.Arbitrary<Ref>): fc.Arbitrary<Op> =>
  fc.record({
    op: fc.constant('runAgent' as const),
    t,
    target,
    prompt: longTextArb,
    stream: fc.constantFrom<'absent' | 'false'>('absent', 'false'),
    key: keyArb,
  })

const listingRefArb: fc.Arbitrary<ListingRef> = fc.record({
  pool: fc.oneof(
    { arbitrary: fc.constant<ListingRef['pool']>('other'), weight: 6 },
    { arbitrary: fc.constant<ListingRef['pool']>('own'), weight: 1 },
    { arbitrary: fc.constant<ListingRef['pool']>('draft'), weight: 2 },
    { arbitrary: fc.constant<ListingRef['pool']>('missing'), weight: 1 },
  ),
  index: fc.nat({ max: 1000 }),
})
const installArb = (
  t: fc.Arbitrary<number>,
  listing: fc.Arbitrary<ListingRef>,
  version: fc.Arbitrary<VersionChoice>,
): fc.Arbitrary<Op> =>
  fc.record(
    { op: fc.constant('install' as const), t, listing, version, agentName: nameChoiceArb },
    { requiredKeys: ['op', 't', 'listing', 'version'] },
  )
const installVersionArb = fc.oneof(
  { arbitrary: fc.constant<VersionChoice>('1.0.0'), weight: 6 },
  { arbitrary: fc.constantFrom<VersionChoice>('default', '0.9.0', '1.1.0', '1.2.0', '9.9.9'), weight: 4 },
)
const upgradeVersionArb = fc.oneof(
  { arbitrary: fc.constant<VersionChoice>('1.1.0'), weight: 6 },
  { arbitrary: fc.constantFrom<VersionChoice>('0.9.0', '1.0.0', '1.2.0', '9.9.9'), weight: 2 },
)

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: createToolArb(tenantArb),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('updateTool' as const),
      t: tenantArb,
      method: fc.constant('put' as const),
      target: targetArb,
      name: nameChoiceArb,
      description: longTextArb,
    }),
  },
  {
    weight: 2,
    arbitrary: fc
      .record(
        {
          op: fc.constant('updateTool' as const),
          t: tenantArb,
          method: fc.constant('patch' as const),
          target: targetArb,
          name: nameChoiceArb,
          description: longTextArb,
        },
        { requiredKeys: ['op', 't', 'method', 'target'] },
      )
      .filter((op) => op.name !== undefined || op.description !== undefined),
  },
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant('deleteTool' as const), t: tenantArb, target: deleteToolArb }),
  },
  {
    weight: 5,
    arbitrary: createAgentArb(tenantArb),
  },
  {
    weight: 3,
    arbitrary: methodArb.chain((method) =>
      fc
        .record(
          {
            op: fc.constant('updateAgent' as const),
            t: tenantArb,
            method: fc.constant(method),
            target: targetArb,
            name: nameChoiceArb,
            role: roleArb,
            description: longTextArb,
            tools: toolRefsArb,
          },
          {
            requiredKeys:
              method === 'put'
                ? ['op', 't', 'method', 'target', 'name', 'role', 'description']
                : ['op', 't', 'method', 'target'],
          },
        )
        .filter((op) => [op.name, op.role, op.description, op.tools].some((field) => field !== undefined)),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('deleteAgent' as const), t: tenantArb, target: targetArb }),
  },
  {
    weight: 4,
    arbitrary: runAgentArb(tenantArb, targetArb),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('retry' as const), t: tenantArb }) },
  {
    weight: 1,
    arbitrary: fc.record(
      { op: fc.constant('listTools' as const), t: tenantArb, agentName: nameFilterArb },
      { requiredKeys: ['op', 't'] },
    ),
  },
  {
    weight: 1,
    arbitrary: fc.record(
      { op: fc.constant('listAgents' as const), t: tenantArb, toolName: nameFilterArb },
      { requiredKeys: ['op', 't'] },
    ),
  },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('getTool' as const), t: tenantArb, target: targetArb }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('getAgent' as const), t: tenantArb, target: targetArb }),
  },
  {
    weight: 1,
    arbitrary: fc.record(
      { op: fc.constant('listHistory' as const), t: tenantArb, agent: targetArb },
      { requiredKeys: ['op', 't'] },
    ),
  },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('getExecution' as const), t: tenantArb, target: targetArb }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('agentHistory' as const), t: tenantArb, target: targetArb }),
  },
  {
    weight: 1,
    arbitrary: fc.record(
      {
        op: fc.constant('usage' as const),
        t: tenantArb,
        groupBy: fc.constantFrom<GroupBy>('model', 'agent', 'day'),
      },
      { requiredKeys: ['op', 't'] },
    ),
  },
  { weight: 4, arbitrary: installArb(tenantArb, listingRefArb, installVersionArb) },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('upgrade' as const),
      t: tenantArb,
      target: targetArb,
      // Mostly one of the tenant's installed agents, so that upgrades apply, conflict and refuse.
      installed: fc.boolean(),
      version: upgradeVersionArb,
      dryRun: fc.boolean(),
      edit: fc.option(longTextArb, { nil: undefined, freq: 3 }),
    }),
  },
)

// A sequence: a short setup in which each tenant creates two tools and an agent (linked mostly to its
// own tools) and runs it, so that the random part finds ids of every tenant to aim at; then 15 to 30
// random operations. Every operation can shrink to nothing (null, rarely generated), so a counterexample
// keeps only the operations the failure needs.
const maybe = (op: fc.Arbitrary<Op>) => fc.option(op, { nil: null, freq: 25 })
const tenantIndexes = Array.from({ length: tenantCount }, (_, t) => fc.constant(t))
const setupArb = fc.tuple(
  ...tenantIndexes.map((t) => maybe(createToolArb(t))),
  ...tenantIndexes.map((t) => maybe(createToolArb(t))),
  ...tenantIndexes.map((t) => maybe(createAgentArb(t))),
  ...tenantIndexes.map((t) => maybe(runAgentArb(t, refArb(1, 0, 0)))),
  ...tenantIndexes.map((t) =>
    maybe(
      installArb(
        t,
        fc.record({ pool: fc.constant('other' as const), index: fc.nat() }),
        fc.constant('1.0.0'),
      ),
    ),
  ),
)
const opsArb: fc.Arbitrary<Op[]> = fc
  .tuple(setupArb, fc.array(maybe(opArb), { minLength: 15, maxLength: 30 }))
  .map(([setup, ops]) => [...setup, ...ops].filter((op): op is Op => op !== null))

// ---------------------------------------------------------------------------------------------------
// The model: what each tenant created, by id, and which tenants know each text.

type Kind = 'tool' | 'agent' | 'execution'
interface ToolModel {
  id: string
  owner: number
  name: string
  description: string
  alive: boolean
}
interface AgentModel {
  id: string
  owner: number
  name: string
  role: string
  description: string
  toolIds: Set<string>
  alive: boolean
  /** An agent installed from a listing: which, at which version, and the tool the install made. */
  install?: { listing: ListingModel; version: string; toolId: string }
}
/** A listing one of the tenants published (or left a draft); its packages follow from its slug. */
interface ListingModel {
  owner: number
  slug: string
  draft: boolean
}
interface ExecutionModel {
  id: string
  owner: number
  agentId: string
  prompt: string
  alive: boolean
}
interface Resolved {
  id: string
  /** The creator's index, or undefined for an id nobody used. */
  owner: number | undefined
}
interface Named {
  id: string
  name: string
}
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete'
interface KeyedRequest {
  method: Method
  url: string
  body: object | undefined
  status: number
  response: unknown
}

/** What a run covered, summed over all sequences, so the property cannot pass vacuously. */
interface Coverage {
  foreignNotFound: number
  foreignUnknownTool: number
  toolInUse: number
  runs: number
  foreignExecutionLookups: number
  duplicateNames: number
  sharedNamesAcrossTenants: number
  /** A tenant used an Idempotency-Key another tenant already holds, and its request ran. */
  keysSharedAcrossTenants: number
  keysReused: number
  replays: number
  installs: number
  installNameConflicts: number
  /** Another tenant's draft, or a missing listing: 404 alike. */
  hiddenListings: number
  upgradesApplied: number
  upgradeDryRuns: number
  upgradeConflicts: number
  foreignUpgrades: number
}

/** The package of a listing's version: public texts, tool names of the listing's own. */
const listingPackage = (slug: string, version: string) =>
  agentPackage(
    { name: `pkg-agent-${slug}`, role: 'Installed role', description: `Installed agent ${version}` },
    [
      {
        name: `pkg-tool-${slug}`,
        description: `Installed tool ${version}`,
        kind: 'client',
        input_schema: { type: 'object' },
      },
    ],
  )
const publishedVersions = ['0.9.0', '1.0.0', '1.1.0']

/** Each tenant's listing (published) and draft, written as the publish part leaves them. */
async function publishListings(tenants: TestTenant[]): Promise<ListingModel[]> {
  const listings: ListingModel[] = []
  for (const [owner, tenant] of tenants.entries()) {
    for (const draft of [false, true]) {
      const slug = uniqueSlug(draft ? 'prop-draft' : 'prop')
      await publishListing(testStack().superSql, {
        tenantId: tenant.tenantId,
        slug,
        draft,
        versions: draft
          ? [{ version: '1.0.0', package: listingPackage(slug, '1.0.0'), status: 'validating' }]
          : [
              { version: '0.9.0', package: listingPackage(slug, '0.9.0'), yanked: true },
              { version: '1.0.0', package: listingPackage(slug, '1.0.0') },
              { version: '1.1.0', package: listingPackage(slug, '1.1.0') },
              { version: '1.2.0', package: listingPackage(slug, '1.2.0'), status: 'validating' },
            ],
      })
      listings.push({ owner, slug, draft })
    }
  }
  return listings
}

const markerPattern = /^T\d+#\d+[a-z]#/
const uuidPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi
const markerOf = (text: string): string => {
  const marker = markerPattern.exec(text)?.[0]
  if (!marker) throw new Error(`no marker in ${JSON.stringify(text)}`)
  return marker
}
const sorted = (values: Iterable<string>): string[] => [...values].sort()
/**
 * Query values with every reserved character percent-encoded: encodeURIComponent leaves !'()* as they are,
 * which the contract's query parameters (allowReserved false) refuse.
 */
const encodeQuery = (value: string): string =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
const dedupe = (ids: string[]): string[] => [...new Set(ids)]

class World {
  readonly tools = new Map<string, ToolModel>()
  readonly agents = new Map<string, AgentModel>()
  readonly executions = new Map<string, ExecutionModel>()
  /** Every id of each kind in creation order, all tenants. */
  readonly order: Record<Kind, string[]> = { tool: [], agent: [], execution: [] }
  /** Names that were stored, with the tenant that stored them, in order. */
  readonly storedNames: Record<'tool' | 'agent', { owner: number; name: string }[]> = { tool: [], agent: [] }
  /** Marker -> the tenants that invented or stored the text it starts. */
  readonly knowers = new Map<string, Set<number>>()
  /** '<t>:<key>' -> the first request tenant t sent with that Idempotency-Key, and its answer. */
  readonly keys = new Map<string, KeyedRequest>()
  /** Tenant -> the Idempotency-Key of its latest keyed request that ran. */
  readonly lastKey = new Map<number, string>()
  private sequence = 0
  readonly apis: ReturnType<typeof asTenant>[]

  constructor(
    readonly tenants: TestTenant[],
    readonly coverage: Coverage,
    readonly listings: ListingModel[],
  ) {
    this.apis = tenants.map((tenant) => asTenant(tenant))
  }

  // --- texts and references

  /** A new text of tenant t: a unique marker (T<t>#<n><field>#) and the generated characters. */
  fresh(t: number, field: string, suffix: string, isName: boolean): string {
    const marker = `T${t}#${++this.sequence}${field}#`
    this.knowers.set(marker, new Set([t]))
    const text = marker + suffix
    return isName ? text.replace(/\s+$/u, '') : text
  }

  know(t: number, text: string): void {
    this.knowers.get(markerOf(text))!.add(t)
  }

  chooseName(t: number, kind: 'tool' | 'agent', choice: NameChoice): string {
    const pool = this.storedNames[kind].filter((entry) => choice.source === 'any' || entry.owner === t)
    if (choice.source === 'fresh' || pool.length === 0) return this.fresh(t, 'n', choice.suffix, true)
    const picked = pool[choice.index % pool.length]!
    if (picked.owner !== t) this.coverage.sharedNamesAcrossTenants++
    return picked.name
  }

  /** A name to filter by: one stored by t, by anybody, or one nobody stored. */
  filterName(t: number, kind: 'tool' | 'agent', filter: NameFilter): string {
    const pool = this.storedNames[kind].filter((entry) => filter.source === 'any' || entry.owner === t)
    if (filter.source === 'missing' || pool.length === 0) return this.fresh(t, 'f', filter.suffix, true)
    return pool[filter.index % pool.length]!.name
  }

  entity(kind: Kind, id: string): { owner: number; alive: boolean } | undefined {
    return (kind === 'tool' ? this.tools : kind === 'agent' ? this.agents : this.executions).get(id)
  }

  ownerOf(kind: Kind, id: string): number | undefined {
    return this.entity(kind, id)?.owner
  }

  /**
   * 'own': one of t's live ids (a deleted one when none lives; everybody's when t has none); 'any': any id
   * ever created, deleted ones and other tenants' included; 'missing', or nothing created yet: a new uuid.
   */
  resolve(t: number, kind: Kind, ref: Ref): Resolved {
    const all = this.order[kind]
    const own = all.filter((id) => this.ownerOf(kind, id) === t)
    const live = own.filter((id) => this.entity(kind, id)?.alive)
    const pool =
      ref.pool === 'missing'
        ? []
        : ref.pool === 'any' || own.length === 0
          ? all
          : live.length > 0
            ? live
            : own
    if (pool.length === 0) return { id: ref.missing, owner: undefined }
    const id = pool[ref.index % pool.length]!
    return { id, owner: this.ownerOf(kind, id) }
  }

  ownTool(t: number, id: string): ToolModel | undefined {
    const tool = this.tools.get(id)
    return tool?.alive && tool.owner === t ? tool : undefined
  }

  ownAgent(t: number, id: string): AgentModel | undefined {
    const agent = this.agents.get(id)
    return agent?.alive && agent.owner === t ? agent : undefined
  }

  ownExecution(t: number, id: string): ExecutionModel | undefined {
    const execution = this.executions.get(id)
    return execution?.alive && execution.owner === t ? execution : undefined
  }

  liveTools = (t: number) => [...this.tools.values()].filter((tool) => tool.alive && tool.owner === t)
  liveAgents = (t: number) => [...this.agents.values()].filter((agent) => agent.alive && agent.owner === t)
  liveExecutions = (t: number) =>
    [...this.executions.values()].filter((execution) => execution.alive && execution.owner === t)

  // --- requests and the checks every response gets

  /**
   * Sends the request as tenant t (with the Idempotency-Key when given) and checks invariants (1) and (2)
   * on the response. The first request of a tenant with a key is remembered with its answer.
   */
  async send(
    label: string,
    t: number,
    method: Method,
    url: string,
    body?: object,
    key?: string,
  ): Promise<Response> {
    const call = this.apis[t]![method](url)
    if (key !== undefined) void call.set('Idempotency-Key', key)
    const res = body === undefined ? await call : await call.send(body)
    this.checkResponse(label, t, res, url, body)
    if (key !== undefined && !this.keys.has(`${t}:${key}`)) {
      this.keys.set(`${t}:${key}`, { method, url, body, status: res.status, response: res.body })
      this.lastKey.set(t, key)
    }
    return res
  }

  /**
   * The Idempotency-Key for a create or run, and whether t already used it (then any new request with it
   * is IDEMPOTENCY_KEY_REUSED: every request here carries fresh text). Other tenants' use of the same key
   * must make no difference.
   */
  idempotencyKey(t: number, key: IdempotencyKey): { header?: string; heldByT: boolean } {
    if (key === undefined) return { heldByT: false }
    const header = `key-${key}`
    const heldByT = this.keys.has(`${t}:${header}`)
    const heldByOthers = [...this.keys.keys()].some((entry) => entry.endsWith(`:${header}`))
    if (heldByOthers && !heldByT) this.coverage.keysSharedAcrossTenants++
    return { header, heldByT }
  }

  /** A request with a key t already used for another request: refused, nothing done. */
  expectKeyReused(label: string, res: Response, key: string): void {
    expect(this.expectProblem(label, res, 409, 'IDEMPOTENCY_KEY_REUSED'), label).to.deep.equal({ key })
    this.coverage.keysReused++
  }

  /**
   * Invariants (1) and (2): not a 5xx, no contract breach, and no id, text or tenant id of another tenant
   * in the body, error bodies included, except what the request itself carried (a 404 names the id asked
   * for, UNKNOWN_TOOL the tool ids sent, a 409 the name sent).
   */
  checkResponse(label: string, t: number, res: Response, url: string, body: object | undefined): void {
    expect(res.status, `${label}: status (body ${res.text})`).to.be.below(500)
    const violations = drainContractViolations()
    expect(violations, `${label}: breaks openapi.yaml: ${JSON.stringify(violations)}`).to.deep.equal([])
    const text = res.text ?? ''
    const sent = `${url} ${JSON.stringify(body ?? null)}`
    const echoedIds = new Set(sent.match(uuidPattern) ?? [])
    const sentTexts = [
      ...new URL(url, 'http://localhost').searchParams.values(),
      ...Object.values(body ?? {}).filter((value) => typeof value === 'string'),
    ]
    const echoedMarkers = new Set(sentTexts.filter((value) => markerPattern.test(value)).map(markerOf))
    for (const [marker, knowers] of this.knowers) {
      if (knowers.has(t) || echoedMarkers.has(marker)) continue
      expect(
        text.includes(marker),
        `${label}: leaks text ${marker} of tenants ${[...knowers].join(',')}: ${text}`,
      ).to.equal(false)
    }
    for (const kind of ['tool', 'agent', 'execution'] as const) {
      for (const id of this.order[kind]) {
        const owner = this.ownerOf(kind, id)
        if (owner === t || echoedIds.has(id)) continue
        expect(text.includes(id), `${label}: leaks ${kind} ${id} of T${owner}: ${text}`).to.equal(false)
      }
    }
    this.tenants.forEach((tenant, index) => {
      if (index !== t) {
        expect(text.includes(tenant.tenantId), `${label}: leaks tenant id of T${index}: ${text}`).to.equal(
          false,
        )
      }
    })
  }

  expectProblem(label: string, res: Response, status: number, code: string): Record<string, unknown> {
    expect(res.status, `${label}: status (body ${res.text})`).to.equal(status)
    expect(res.headers['content-type'], label).to.match(/^application\/problem\+json/)
    expect(res.body, label).to.include({ status, error_code: code })
    return (res.body as { details: Record<string, unknown> }).details
  }

  expectNotFound(label: string, res: Response, code: string, id: string): void {
    expect(this.expectProblem(label, res, 404, code), label).to.deep.equal({ id })
  }

  /**
   * Invariant (3): the request again, every foreign id in it replaced by a never-used one, must get the
   * same answer (status and body, the request-specific instance aside).
   */
  async expectLikeMissing(
    label: string,
    t: number,
    res: Response,
    foreignIds: string[],
    method: Method,
    url: string,
    body?: object,
  ): Promise<void> {
    const ids = dedupe(foreignIds)
    if (ids.length === 0) return
    const twins = ids.map(() => randomUUID())
    const swap = (text: string, from: string[], to: string[]) =>
      from.reduce((result, id, i) => result.split(id).join(to[i]), text)
    const twinUrl = swap(url, ids, twins)
    const twinBody =
      body === undefined ? undefined : (JSON.parse(swap(JSON.stringify(body), ids, twins)) as object)
    const twin = await this.send(`${label} (same with never-used ids)`, t, method, twinUrl, twinBody)
    const placeholders = ids.map((_, i) => `<id${i}>`)
    const comparable = (response: Response, from: string[]) => {
      const { instance: _instance, ...rest } = (response.body ?? {}) as Record<string, unknown>
      return {
        status: response.status,
        contentType: response.headers['content-type'] as unknown,
        body: JSON.parse(swap(JSON.stringify(rest), from, placeholders)) as unknown,
      }
    }
    expect(comparable(res, ids), `${label}: a foreign id must answer like a missing one`).to.deep.equal(
      comparable(twin, twins),
    )
    if (res.status === 404) this.coverage.foreignNotFound++
  }

  // --- expectations on bodies

  expectTool(label: string, body: unknown, tool: ToolModel): void {
    expect(body, label).to.include({ id: tool.id, name: tool.name, description: tool.description })
  }

  agentTools(agent: AgentModel): { id: string; name: string; description: string }[] {
    return sorted(agent.toolIds).map((id) => {
      const tool = this.tools.get(id)!
      return { id, name: tool.name, description: tool.description }
    })
  }

  expectAgent(label: string, body: unknown, agent: AgentModel): void {
    const { tools, ...fields } = body as { tools: { id: string }[] }
    expect(fields, label).to.include({
      id: agent.id,
      name: agent.name,
      role: agent.role,
      description: agent.description,
    })
    expect(
      [...tools].sort((a, b) => a.id.localeCompare(b.id)),
      `${label}: tools`,
    ).to.deep.equal(this.agentTools(agent))
  }

  expectExecution(label: string, body: unknown, execution: ExecutionModel): void {
    expect(body, label).to.include({
      id: execution.id,
      agent_id: execution.agentId,
      prompt: execution.prompt,
      model,
      provider: 'mock',
      status: 'completed',
    })
  }

  expectIds(label: string, res: Response, ids: string[]): void {
    expect(res.status, `${label}: status (body ${res.text})`).to.equal(200)
    const page = res.body as { items: { id: string }[]; total: number }
    expect(sorted(page.items.map((item) => item.id)), `${label}: ids`).to.deep.equal(sorted(ids))
    expect(page.total, `${label}: total`).to.equal(ids.length)
  }

  // --- the operations

  async apply(op: Op, step: number): Promise<void> {
    const t = op.t
    const label = `step ${step} ${op.op} by T${t}`
    switch (op.op) {
      case 'createTool': {
        const name = this.chooseName(t, 'tool', op.name)
        const description = this.fresh(t, 'd', op.description, false)
        const key = this.idempotencyKey(t, op.key)
        const res = await this.send(label, t, 'post', '/api/v1/tools', { name, description }, key.header)
        if (key.heldByT) return this.expectKeyReused(label, res, key.header!)
        if (this.liveTools(t).some((tool) => tool.name === name)) {
          expect(this.expectProblem(label, res, 409, 'DUPLICATE_TOOL_NAME'), label).to.deep.equal({ name })
          this.coverage.duplicateNames++
          return
        }
        expect(res.status, `${label}: status (body ${res.text})`).to.equal(201)
        const id = (res.body as { id: string }).id
        expect(this.tools.has(id) || this.agents.has(id), `${label}: a new id`).to.equal(false)
        const tool: ToolModel = { id, owner: t, name, description, alive: true }
        this.expectTool(label, res.body, tool)
        this.tools.set(id, tool)
        this.order.tool.push(id)
        this.storedNames.tool.push({ owner: t, name })
        this.know(t, name)
        this.know(t, description)
        return
      }

      case 'updateTool': {
        const target = this.resolve(t, 'tool', op.target)
        const body: { name?: string; description?: string } = {}
        if (op.name) body.name = this.chooseName(t, 'tool', op.name)
        if (op.description !== undefined) body.description = this.fresh(t, 'd', op.description, false)
        const url = `/api/v1/tools/${target.id}`
        const res = await this.send(label, t, op.method, url, body)
        const tool = this.ownTool(t, target.id)
        if (!tool) {
          this.expectNotFound(label, res, 'TOOL_NOT_FOUND', target.id)
          const foreign = target.owner !== undefined && target.owner !== t ? [target.id] : []
          await this.expectLikeMissing(label, t, res, foreign, op.method, url, body)
          return
        }
        const name = body.name
        if (
          name !== undefined &&
          this.liveTools(t).some((other) => other.id !== tool.id && other.name === name)
        ) {
          expect(this.expectProblem(label, res, 409, 'DUPLICATE_TOOL_NAME'), label).to.deep.equal({ name })
          this.coverage.duplicateNames++
          return
        }
        expect(res.status, `${label}: status (body ${res.text})`).to.equal(200)
        if (name !== undefined) {
          tool.name = name
          this.storedNames.tool.push({ owner: t, name })
          this.know(t, name)
        }
        if (body.description !== undefined) {
          tool.description = body.description
          this.know(t, body.description)
        }
        this.expectTool(label, res.body, tool)
        return
      }

      case 'deleteTool': {
        const target = this.resolve(t, 'tool', op.target)
        const url = `/api/v1/tools/${target.id}`
        const res = await this.send(label, t, 'delete', url)
        const tool = this.ownTool(t, target.id)
        if (!tool) {
          this.expectNotFound(label, res, 'TOOL_NOT_FOUND', target.id)
          const foreign = target.owner !== undefined && target.owner !== t ? [target.id] : []
          await this.expectLikeMissing(label, t, res, foreign, 'delete', url)
          return
        }
        const dependents = this.liveAgents(t).filter((agent) => agent.toolIds.has(tool.id))
        if (dependents.length > 0) {
          const details = this.expectProblem(label, res, 409, 'TOOL_IN_USE') as { dependent_agents: Named[] }
          const byId = (a: Named, b: Named) => a.id.localeCompare(b.id)
          expect([...details.dependent_agents].sort(byId), label).to.deep.equal(
            dependents.map(({ id, name }) => ({ id, name })).sort(byId),
          )
          this.coverage.toolInUse++
          return
        }
        expect(res.status, `${label}: status (body ${res.text})`).to.equal(204)
        tool.alive = false
        return
      }

      case 'createAgent': {
        const name = this.chooseName(t, 'agent', op.name)
        const role = this.fresh(t, 'r', op.role, false)
        const description = this.fresh(t, 'd', op.description, false)
        const toolIds = op.tools && dedupe(op.tools.map((ref) => this.resolve(t, 'tool', ref).id))
        const body = { name, role, description, ...(toolIds ? { tool_ids: toolIds } : {}) }
        const url = '/api/v1/agents'
        const key = this.idempotencyKey(t, op.key)
        const res = await this.send(label, t, 'post', url, body, key.header)
        if (key.heldByT) return this.expectKeyReused(label, res, key.header!)
        const unknown = (toolIds ?? []).filter((id) => !this.ownTool(t, id))
        if (unknown.length > 0) {
          expect(this.expectProblem(label, res, 422, 'UNKNOWN_TOOL'), label).to.deep.equal({
            tool_ids: unknown,
          })
          await this.expectLikeMissing(label, t, res, this.foreignIds(t, 'tool', unknown), 'post', url, body)
          if (
            unknown.some((id) => this.ownerOf('tool', id) !== undefined && this.ownerOf('tool', id) !== t)
          ) {
            this.coverage.foreignUnknownTool++
          }
          return
        }
        if (this.liveAgents(t).some((agent) => agent.name === name)) {
          expect(this.expectProblem(label, res, 409, 'DUPLICATE_AGENT_NAME'), label).to.deep.equal({ name })
          this.coverage.duplicateNames++
          return
        }
        expect(res.status, `${label}: status (body ${res.text})`).to.equal(201)
        const id = (res.body as { id: string }).id
        const agent: AgentModel = {
          id,
          owner: t,
          name,
          role,
          description,
          toolIds: new Set(toolIds ?? []),
          alive: true,
        }
        this.expectAgent(label, res.body, agent)
        this.agents.set(id, agent)
        this.order.agent.push(id)
        this.storedNames.agent.push({ owner: t, name })
        for (const text of [name, role, description]) this.know(t, text)
        return
      }

      case 'updateAgent': {
        const target = this.resolve(t, 'agent', op.target)
        const body: { name?: string; role?: string; description?: string; tool_ids?: string[] } = {}
        if (op.name) body.name = this.chooseName(t, 'agent', op.name)
        if (op.role !== undefined) body.role = this.fresh(t, 'r', op.role, false)
        if (op.description !== undefined) body.description = this.fresh(t, 'd', op.description, false)
        if (op.tools) body.tool_ids = dedupe(op.tools.map((ref) => this.resolve(t, 'tool', ref).id))
        const url = `/api/v1/agents/${target.id}`
        const texts = [body.name, body.role, body.description].filter((text) => text !== undefined)
        const res = await this.send(label, t, op.method, url, body)
        const foreign = [
          ...this.foreignIds(t, 'agent', [target.id]),
          ...this.foreignIds(t, 'tool', body.tool_ids ?? []),
        ]
        const agent = this.ownAgent(t, target.id)
        if (!agent) {
          this.expectNotFound(label, res, 'AGENT_NOT_FOUND', target.id)
          await this.expectLikeMissing(label, t, res, foreign, op.method, url, body)
          return
        }
        const name = body.name
        if (
          name !== undefined &&
          this.liveAgents(t).some((other) => other.id !== agent.id && other.name === name)
        ) {
          expect(this.expectProblem(label, res, 409, 'DUPLICATE_AGENT_NAME'), label).to.deep.equal({ name })
          await this.expectLikeMissing(label, t, res, foreign, op.method, url, body)
          this.coverage.duplicateNames++
          return
        }
        const unknown = (body.tool_ids ?? []).filter((id) => !this.ownTool(t, id))
        if (unknown.length > 0) {
          expect(this.expectProblem(label, res, 422, 'UNKNOWN_TOOL'), label).to.deep.equal({
            tool_ids: unknown,
          })
          await this.expectLikeMissing(label, t, res, foreign, op.method, url, body)
          if (foreign.length > 0) this.coverage.foreignUnknownTool++
          return
        }
        expect(res.status, `${label}: status (body ${res.text})`).to.equal(200)
        if (name !== undefined) {
          agent.name = name
          this.storedNames.agent.push({ owner: t, name })
        }
        if (body.role !== undefined) agent.role = body.role
        if (body.description !== undefined) agent.description = body.description
        if (body.tool_ids) agent.toolIds = new Set(body.tool_ids)
        for (const text of texts) this.know(t, text)
        this.expectAgent(label, res.body, agent)
        return
      }

      case 'deleteAgent': {
        const target = this.resolve(t, 'agent', op.target)
        const url = `/api/v1/agents/${target.id}`
        const res = await this.send(label, t, 'delete', url)
        const agent = this.ownAgent(t, target.id)
        if (!agent) {
          this.expectNotFound(label, res, 'AGENT_NOT_FOUND', target.id)
          await this.expectLikeMissing(label, t, res, this.foreignIds(t, 'agent', [target.id]), 'delete', url)
          return
        }
        expect(res.status, `${label}: status (body ${res.text})`).to.equal(204)
        agent.alive = false
        agent.toolIds.clear()
        // Its executions go with it.
        for (const execution of this.executions.values()) {
          if (execution.agentId === agent.id) execution.alive = false
        }
        return
      }

      case 'runAgent': {
        const target = this.resolve(t, 'agent', op.target)
        const prompt = this.fresh(t, 'p', op.prompt, false)
        const body = { prompt, model, ...(op.stream === 'false' ? { stream: false } : {}) }
        const url = `/api/v1/agents/${target.id}/run`
        const key = this.idempotencyKey(t, op.key)
        const res = await this.send(label, t, 'post', url, body, key.header)
        if (key.heldByT) return this.expectKeyReused(label, res, key.header!)
        const agent = this.ownAgent(t, target.id)
        if (!agent) {
          this.expectNotFound(label, res, 'AGENT_NOT_FOUND', target.id)
          await this.expectLikeMissing(
            label,
            t,
            res,
            this.foreignIds(t, 'agent', [target.id]),
            'post',
            url,
            body,
          )
          return
        }
        expect(res.status, `${label}: status (body ${res.text})`).to.equal(200)
        expect(res.headers['content-type'], label).to.match(/^application\/json/)
        const execution: ExecutionModel = {
          id: (res.body as { id: string }).id,
          owner: t,
          agentId: agent.id,
          prompt,
          alive: true,
        }
        this.expectExecution(label, res.body, execution)
        const snapshot = (res.body as { agent: unknown }).agent
        this.expectAgent(`${label}: snapshot`, snapshot, agent)
        this.executions.set(execution.id, execution)
        this.order.execution.push(execution.id)
        this.know(t, prompt)
        this.coverage.runs++
        return
      }

      case 'retry': {
        // The latest keyed request of t again, exactly: its first answer comes back, nothing runs again.
        const key = this.lastKey.get(t)
        if (key === undefined) return
        const first = this.keys.get(`${t}:${key}`)!
        const res = await this.send(label, t, first.method, first.url, first.body, key)
        expect(res.status, `${label}: status (body ${res.text})`).to.equal(first.status)
        expect(res.headers['idempotent-replayed'], label).to.equal('true')
        expect(res.body, `${label}: the first answer`).to.deep.equal(first.response)
        this.coverage.replays++
        return
      }

      case 'listTools': {
        const name = op.agentName && this.filterName(t, 'agent', op.agentName)
        const query = name === undefined ? '' : `&agent_name=${encodeQuery(name)}`
        const res = await this.send(label, t, 'get', `/api/v1/tools?limit=100${query}`)
        const agent = name === undefined ? undefined : this.liveAgents(t).find((a) => a.name === name)
        const expected =
          name === undefined ? this.liveTools(t).map((tool) => tool.id) : agent ? [...agent.toolIds] : []
        this.expectIds(label, res, expected)
        for (const item of (res.body as { items: { id: string }[] }).items) {
          this.expectTool(label, item, this.tools.get(item.id)!)
        }
        return
      }

      case 'listAgents': {
        const name = op.toolName && this.filterName(t, 'tool', op.toolName)
        const query = name === undefined ? '' : `&tool_name=${encodeQuery(name)}`
        const res = await this.send(label, t, 'get', `/api/v1/agents?limit=100${query}`)
        const tool = name === undefined ? undefined : this.liveTools(t).find((x) => x.name === name)
        const expected = this.liveAgents(t).filter(
          (agent) => name === undefined || (tool !== undefined && agent.toolIds.has(tool.id)),
        )
        this.expectIds(
          label,
          res,
          expected.map((agent) => agent.id),
        )
        for (const item of (res.body as { items: { id: string }[] }).items) {
          this.expectAgent(label, item, this.agents.get(item.id)!)
        }
        return
      }

      case 'getTool':
      case 'getAgent': {
        const kind = op.op === 'getTool' ? 'tool' : 'agent'
        const target = this.resolve(t, kind, op.target)
        const url = `/api/v1/${kind}s/${target.id}`
        const res = await this.send(label, t, 'get', url)
        const tool = kind === 'tool' ? this.ownTool(t, target.id) : undefined
        const agent = kind === 'agent' ? this.ownAgent(t, target.id) : undefined
        if (tool || agent) {
          expect(res.status, `${label}: status (body ${res.text})`).to.equal(200)
          if (tool) this.expectTool(label, res.body, tool)
          if (agent) this.expectAgent(label, res.body, agent)
          return
        }
        this.expectNotFound(label, res, kind === 'tool' ? 'TOOL_NOT_FOUND' : 'AGENT_NOT_FOUND', target.id)
        await this.expectLikeMissing(label, t, res, this.foreignIds(t, kind, [target.id]), 'get', url)
        return
      }

      case 'listHistory': {
        const agentId = op.agent && this.resolve(t, 'agent', op.agent).id
        const url = `/api/v1/history?limit=100${agentId === undefined ? '' : `&agent_id=${agentId}`}`
        const res = await this.send(label, t, 'get', url)
        const expected = this.liveExecutions(t).filter((x) => agentId === undefined || x.agentId === agentId)
        this.expectIds(
          label,
          res,
          expected.map((x) => x.id),
        )
        for (const item of (res.body as { items: { id: string }[] }).items) {
          this.expectExecution(label, item, this.executions.get(item.id)!)
        }
        await this.expectLikeMissing(
          label,
          t,
          res,
          this.foreignIds(t, 'agent', agentId ? [agentId] : []),
          'get',
          url,
        )
        return
      }

      case 'getExecution': {
        const target = this.resolve(t, 'execution', op.target)
        const url = `/api/v1/history/${target.id}`
        const res = await this.send(label, t, 'get', url)
        const execution = this.ownExecution(t, target.id)
        if (execution) {
          expect(res.status, `${label}: status (body ${res.text})`).to.equal(200)
          this.expectExecution(label, res.body, execution)
          return
        }
        this.expectNotFound(label, res, 'EXECUTION_NOT_FOUND', target.id)
        const foreign = this.foreignIds(t, 'execution', [target.id])
        await this.expectLikeMissing(label, t, res, foreign, 'get', url)
        this.coverage.foreignExecutionLookups += foreign.length
        return
      }

      case 'agentHistory': {
        const target = this.resolve(t, 'agent', op.target)
        const url = `/api/v1/agents/${target.id}/history?limit=100`
        const res = await this.send(label, t, 'get', url)
        const agent = this.ownAgent(t, target.id)
        if (agent) {
          const expected = this.liveExecutions(t).filter((x) => x.agentId === agent.id)
          this.expectIds(
            label,
            res,
            expected.map((x) => x.id),
          )
          return
        }
        this.expectNotFound(label, res, 'AGENT_NOT_FOUND', target.id)
        await this.expectLikeMissing(label, t, res, this.foreignIds(t, 'agent', [target.id]), 'get', url)
        return
      }

      case 'usage': {
        const query = op.groupBy ? `?group_by=${op.groupBy}` : ''
        const res = await this.send(label, t, 'get', `/api/v1/usage${query}`)
        expect(res.status, `${label}: status (body ${res.text})`).to.equal(200)
        const report = res.body as { totals: { runs: number }; groups: { key: string; runs: number }[] }
        const executions = this.liveExecutions(t)
        expect(report.totals.runs, `${label}: runs`).to.equal(executions.length)
        if (op.groupBy === 'agent') {
          const expected = new Map<string, number>()
          for (const x of executions) expected.set(x.agentId, (expected.get(x.agentId) ?? 0) + 1)
          expect(
            Object.fromEntries(report.groups.map((group) => [group.key, group.runs])),
            `${label}: groups`,
          ).to.deep.equal(Object.fromEntries(expected))
        }
        if (op.groupBy === 'model') {
          expect(report.groups.map((group) => [group.key, group.runs])).to.deep.equal(
            executions.length > 0 ? [[model, executions.length]] : [],
          )
        }
        return
      }

      case 'install':
        return this.install(label, op)

      case 'upgrade':
        return this.upgrade(label, op)
    }
  }

  /** The listing a reference names (undefined: a slug nobody published). */
  chooseListing(t: number, ref: ListingRef): ListingModel | undefined {
    const pool = this.listings.filter((listing) =>
      ref.pool === 'other'
        ? !listing.draft && listing.owner !== t
        : ref.pool === 'own'
          ? !listing.draft && listing.owner === t
          : ref.pool === 'draft' && listing.draft,
    )
    return pool.length === 0 ? undefined : pool[ref.index % pool.length]
  }

  /**
   * Installs: another tenant's published listing is everybody's to install; a draft (the tenant's own
   * included) answers exactly like a slug nobody published. The new agent and tool are the installer's.
   */
  async install(label: string, op: Extract<Op, { op: 'install' }>): Promise<void> {
    const t = op.t
    const listing = this.chooseListing(t, op.listing)
    const slug = listing?.slug ?? uniqueSlug('prop-missing')
    const agentName = op.agentName && this.chooseName(t, 'agent', op.agentName)
    const body = {
      ...(op.version === 'default' ? {} : { version: op.version }),
      ...(agentName === undefined ? {} : { agent_name: agentName }),
    }
    const res = await this.send(label, t, 'post', `/api/v1/marketplace/listings/${slug}/install`, body)
    if (!listing || listing.draft) {
      expect(this.expectProblem(label, res, 404, 'MARKETPLACE_LISTING_NOT_FOUND'), label).to.deep.equal({
        slug,
      })
      this.coverage.hiddenListings++
      return
    }
    const version = op.version === 'default' ? '1.1.0' : op.version
    if (!publishedVersions.includes(version)) {
      const details = this.expectProblem(label, res, 404, 'MARKETPLACE_VERSION_NOT_FOUND')
      expect(details, label).to.deep.equal({ slug, version })
      return
    }
    if (version === '0.9.0') {
      expect(this.expectProblem(label, res, 410, 'MARKETPLACE_VERSION_YANKED'), label).to.deep.equal({
        slug,
        version,
      })
      return
    }
    const pkg = listingPackage(slug, version)
    const name = agentName ?? pkg.agent.name
    const packaged = pkg.tools[0]!
    const taken = {
      agent_names: this.liveAgents(t).some((agent) => agent.name === name) ? [name] : [],
      tool_names: this.liveTools(t).some((tool) => tool.name === packaged.name) ? [packaged.name] : [],
    }
    if (taken.agent_names.length + taken.tool_names.length > 0) {
      expect(this.expectProblem(label, res, 409, 'MARKETPLACE_INSTALL_NAME_CONFLICT'), label).to.deep.equal(
        taken,
      )
      this.coverage.installNameConflicts++
      return
    }
    expect(res.status, `${label}: status (body ${res.text})`).to.equal(201)
    const created = (res.body as { agent: { id: string; tools: { id: string }[]; source: unknown } }).agent
    const toolId = created.tools[0]!.id
    const tool: ToolModel = {
      id: toolId,
      owner: t,
      name: packaged.name,
      description: packaged.description,
      alive: true,
    }
    const agent: AgentModel = {
      id: created.id,
      owner: t,
      name,
      role: pkg.agent.role,
      description: pkg.agent.description,
      toolIds: new Set([toolId]),
      alive: true,
      install: { listing, version, toolId },
    }
    expect([this.tools.has(toolId), this.agents.has(agent.id)], `${label}: new ids`).to.deep.equal([
      false,
      false,
    ])
    this.tools.set(toolId, tool)
    this.order.tool.push(toolId)
    this.expectAgent(label, created, agent)
    expect(created.source, label).to.include({ listing: slug, version })
    this.agents.set(agent.id, agent)
    this.order.agent.push(agent.id)
    if (agentName !== undefined) {
      this.storedNames.agent.push({ owner: t, name })
      this.know(t, name)
    }
    this.coverage.installs++
  }

  /**
   * Upgrades from 1.0.0 to 1.1.0 change the agent's and its tool's descriptions: applied when the tenant
   * left them alone, conflicts (409, nothing changed) when it edited or deleted them; a dry run changes
   * nothing. Another tenant's agent answers like a missing one.
   */
  async upgrade(label: string, op: Extract<Op, { op: 'upgrade' }>): Promise<void> {
    const t = op.t
    const installed = this.liveAgents(t).filter((agent) => agent.install)
    const target =
      op.installed && installed.length > 0
        ? { id: installed[op.target.index % installed.length]!.id }
        : this.resolve(t, 'agent', op.target)
    const version = op.version === 'default' ? '1.1.0' : op.version
    const body = { version, ...(op.dryRun ? { dry_run: true } : {}) }
    const url = `/api/v1/agents/${target.id}/upgrade`
    const agent = this.ownAgent(t, target.id)
    if (op.edit !== undefined && agent?.install) {
      const description = this.fresh(t, 'd', op.edit, false)
      const edited = await this.send(`${label} (local edit)`, t, 'patch', `/api/v1/agents/${agent.id}`, {
        description,
      })
      expect(edited.status, `${label}: local edit (body ${edited.text})`).to.equal(200)
      agent.description = description
      this.know(t, description)
    }
    const res = await this.send(label, t, 'post', url, body)
    if (!agent) {
      this.expectNotFound(label, res, 'AGENT_NOT_FOUND', target.id)
      const foreign = this.foreignIds(t, 'agent', [target.id])
      await this.expectLikeMissing(label, t, res, foreign, 'post', url, body)
      this.coverage.foreignUpgrades += foreign.length
      return
    }
    if (!agent.install) {
      const details = this.expectProblem(label, res, 409, 'MARKETPLACE_AGENT_NOT_INSTALLED')
      expect(details, label).to.deep.equal({ id: agent.id })
      return
    }
    const { listing, toolId } = agent.install
    if (compareVersions(version, agent.install.version) <= 0) {
      const details = this.expectProblem(label, res, 422, 'MARKETPLACE_UPGRADE_NOT_NEWER')
      expect(details, label).to.deep.equal({ installed: agent.install.version, requested: version })
      return
    }
    if (!publishedVersions.includes(version)) {
      const details = this.expectProblem(label, res, 404, 'MARKETPLACE_VERSION_NOT_FOUND')
      expect(details, label).to.deep.equal({ slug: listing.slug, version })
      return
    }
    // Here 1.0.0 -> 1.1.0. Each description three ways: as installed, as 1.1.0 has it, as it is now.
    const [base, next] = [
      listingPackage(listing.slug, agent.install.version),
      listingPackage(listing.slug, version),
    ]
    const tool = this.tools.get(toolId)!
    const changes: string[] = []
    const conflicts: string[] = []
    const compare = (key: string, installedText: string, targetText: string, current: string) => {
      if (installedText !== targetText && current !== targetText)
        (current === installedText ? changes : conflicts).push(key)
    }
    compare('agent', base.agent.description, next.agent.description, agent.description)
    if (tool.alive) compare('tool', base.tools[0]!.description, next.tools[0]!.description, tool.description)
    else conflicts.push('tool')
    const keys = (entries: { tool?: string }[]) =>
      entries.map((entry) => (entry.tool ? 'tool' : 'agent')).sort()
    if (!op.dryRun && conflicts.length > 0) {
      const details = this.expectProblem(label, res, 409, 'MARKETPLACE_UPGRADE_CONFLICT') as Record<
        string,
        []
      >
      expect([keys(details.conflicts!), keys(details.changes!)], label).to.deep.equal([conflicts, changes])
      this.coverage.upgradeConflicts++
      return
    }
    expect(res.status, `${label}: status (body ${res.text})`).to.equal(200)
    const answer = res.body as { applied: boolean; changes: []; conflicts: []; agent: unknown }
    expect([answer.applied, keys(answer.conflicts), keys(answer.changes)], label).to.deep.equal([
      !op.dryRun,
      conflicts,
      changes,
    ])
    if (op.dryRun) this.coverage.upgradeDryRuns++
    else {
      if (changes.includes('agent')) agent.description = next.agent.description
      if (changes.includes('tool')) tool.description = next.tools[0]!.description
      agent.install.version = version
      this.coverage.upgradesApplied++
    }
    this.expectAgent(label, answer.agent, agent)
    expect(answer.agent, label).to.have.nested.property('source.version', agent.install.version)
  }

  /** The ids among ids that another tenant created (not the missing ones, not t's own). */
  foreignIds(t: number, kind: Kind, ids: string[]): string[] {
    return ids.filter((id) => {
      const owner = this.ownerOf(kind, id)
      return owner !== undefined && owner !== t
    })
  }

  // --- invariant (4), at the end of a sequence

  async readAll(label: string, t: number, path: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = []
    for (let offset = 0; ; offset += 100) {
      const res = await this.send(label, t, 'get', `${path}?limit=100&offset=${offset}`)
      expect(res.status, `${label}: status (body ${res.text})`).to.equal(200)
      const page = res.body as { items: Record<string, unknown>[]; has_more: boolean }
      items.push(...page.items)
      if (!page.has_more) return items
    }
  }

  async checkFinal(): Promise<void> {
    for (let t = 0; t < tenantCount; t++) {
      const tools = await this.readAll(`final tools of T${t}`, t, '/api/v1/tools')
      expect(
        Object.fromEntries(tools.map(({ id, name, description }) => [id, { name, description }])),
        `final tools of T${t}`,
      ).to.deep.equal(
        Object.fromEntries(this.liveTools(t).map(({ id, name, description }) => [id, { name, description }])),
      )
      const agents = await this.readAll(`final agents of T${t}`, t, '/api/v1/agents')
      expect(agents.map((agent) => agent.id).sort(), `final agents of T${t}`).to.deep.equal(
        sorted(this.liveAgents(t).map((agent) => agent.id)),
      )
      for (const agent of agents) {
        const model = this.agents.get(agent.id as string)!
        this.expectAgent(`final agents of T${t}`, agent, model)
        if (model.install)
          expect(agent.source, `final source of ${model.id}`).to.deep.include({
            listing: model.install.listing.slug,
            version: model.install.version,
          })
        else expect(agent, `final agent ${model.id}`).to.not.have.property('source')
      }
      const history = await this.readAll(`final history of T${t}`, t, '/api/v1/history')
      expect(history.map((x) => x.id).sort(), `final history of T${t}`).to.deep.equal(
        sorted(this.liveExecutions(t).map((x) => x.id)),
      )
    }

    // The database as a superuser sees it: every row of these tenants, or with an id created in this run.
    const sql = testStack().superSql
    const tenantIds = this.tenants.map((tenant) => tenant.tenantId)
    const tenantOf = (owner: number | undefined) => (owner === undefined ? undefined : tenantIds[owner])
    const [toolRows, agentRows, linkRows, executionRows] = await Promise.all([
      sql<{ id: string; tenant_id: string }[]>`
        select id, tenant_id from tools
         where tenant_id = any(${tenantIds}::uuid[]) or id = any(${this.order.tool}::uuid[])`,
      sql<{ id: string; tenant_id: string }[]>`
        select id, tenant_id from agents
         where tenant_id = any(${tenantIds}::uuid[]) or id = any(${this.order.agent}::uuid[])`,
      sql<{ tenant_id: string; agent_id: string; tool_id: string }[]>`
        select tenant_id, agent_id, tool_id from agent_tools
         where tenant_id = any(${tenantIds}::uuid[])
            or agent_id = any(${this.order.agent}::uuid[]) or tool_id = any(${this.order.tool}::uuid[])`,
      sql<{ id: string; tenant_id: string; agent_id: string }[]>`
        select id, tenant_id, agent_id from execution_logs
         where tenant_id = any(${tenantIds}::uuid[])
            or id = any(${this.order.execution}::uuid[]) or agent_id = any(${this.order.agent}::uuid[])`,
    ])
    for (const row of toolRows) {
      expect(row.tenant_id, `tools row ${row.id}: tenant_id`).to.equal(tenantOf(this.ownerOf('tool', row.id)))
    }
    for (const row of agentRows) {
      expect(row.tenant_id, `agents row ${row.id}: tenant_id`).to.equal(
        tenantOf(this.ownerOf('agent', row.id)),
      )
    }
    for (const row of linkRows) {
      const link = `agent_tools row ${row.agent_id} -> ${row.tool_id}`
      expect(row.tenant_id, `${link}: agent's tenant`).to.equal(tenantOf(this.ownerOf('agent', row.agent_id)))
      expect(row.tenant_id, `${link}: tool's tenant`).to.equal(tenantOf(this.ownerOf('tool', row.tool_id)))
    }
    for (const row of executionRows) {
      const what = `execution_logs row ${row.id}`
      expect(row.tenant_id, `${what}: tenant_id`).to.equal(tenantOf(this.ownerOf('execution', row.id)))
      expect(row.tenant_id, `${what}: agent's tenant`).to.equal(tenantOf(this.ownerOf('agent', row.agent_id)))
    }
    // Installs: each row the installer's, one per live installed agent, and the listings' counters the sum.
    const installRows = await sql<{ tenant_id: string; agent_id: string; version: string }[]>`
      select tenant_id, agent_id, version from marketplace_installs
       where tenant_id = any(${tenantIds}::uuid[]) or agent_id = any(${this.order.agent}::uuid[])`
    for (const row of installRows) {
      expect(row.tenant_id, `marketplace_installs row of ${row.agent_id}`).to.equal(
        tenantOf(this.ownerOf('agent', row.agent_id)),
      )
    }
    const installedAgents = [...this.agents.values()].filter((agent) => agent.alive && agent.install)
    expect(
      sorted(installRows.map((row) => `${row.agent_id}@${row.version}`)),
      'stored installs',
    ).to.deep.equal(sorted(installedAgents.map((agent) => `${agent.id}@${agent.install!.version}`)))
    const counts = await sql<{ slug: string; install_count: number }[]>`
      select slug, install_count::int from marketplace_listings
       where slug = any(${this.listings.map((listing) => listing.slug)}::text[])`
    expect(
      Object.fromEntries(counts.map((row) => [row.slug, row.install_count])),
      'install counts',
    ).to.deep.equal(
      Object.fromEntries(
        this.listings.map((listing) => [
          listing.slug,
          installedAgents.filter((agent) => agent.install!.listing === listing).length,
        ]),
      ),
    )
    const live = <T extends { id: string; alive: boolean }>(map: Map<string, T>) =>
      sorted([...map.values()].filter((x) => x.alive).map((x) => x.id))
    expect(sorted(toolRows.map((row) => row.id)), 'stored tools').to.deep.equal(live(this.tools))
    expect(sorted(agentRows.map((row) => row.id)), 'stored agents').to.deep.equal(live(this.agents))
    expect(sorted(executionRows.map((row) => row.id)), 'stored executions').to.deep.equal(
      live(this.executions),
    )
    expect(sorted(linkRows.map((row) => `${row.agent_id}>${row.tool_id}`)), 'stored links').to.deep.equal(
      sorted(
        [...this.agents.values()]
          .filter((agent) => agent.alive)
          .flatMap((agent) => [...agent.toolIds].map((toolId) => `${agent.id}>${toolId}`)),
      ),
    )
  }
}

describe('isolation under random operations (property-based)', function () {
  // Generous: a failure is shrunk, which reruns sequences; fast-check stops (and reports what it has)
  // at timeLimit, before mocha would give up without a counterexample.
  this.timeout(timeLimit + 60_000)

  it('keeps every tenant’s tools, agents, links, executions and installs invisible and untouchable to the others', async () => {
    const coverage: Coverage = {
      foreignNotFound: 0,
      foreignUnknownTool: 0,
      toolInUse: 0,
      runs: 0,
      foreignExecutionLookups: 0,
      duplicateNames: 0,
      sharedNamesAcrossTenants: 0,
      keysSharedAcrossTenants: 0,
      keysReused: 0,
      replays: 0,
      installs: 0,
      installNameConflicts: 0,
      hiddenListings: 0,
      upgradesApplied: 0,
      upgradeDryRuns: 0,
      upgradeConflicts: 0,
      foreignUpgrades: 0,
    }
    await fc.assert(
      fc.asyncProperty(opsArb, async (ops) => {
        const tenants = await Promise.all(
          Array.from({ length: tenantCount }, (_, i) => createTestTenant(`prop-t${i}`)),
        )
        const world = new World(tenants, coverage, await publishListings(tenants))
        for (const [step, op] of ops.entries()) await world.apply(op, step)
        await world.checkFinal()
      }),
      {
        seed,
        numRuns,
        ...(replayPath ? { path: replayPath } : {}),
        interruptAfterTimeLimit: timeLimit,
        markInterruptAsFailure: true,
      },
    )
    if (process.env.ISOLATION_PROPERTY_COVERAGE) console.log(coverage)
    if (replayPath === undefined && numRuns >= 20) {
      // Not vacuous: the sequences did reach the situations the invariants are about.
      for (const [what, count] of Object.entries(coverage)) {
        expect(count, `sequences that covered ${what}`).to.be.greaterThan(0)
      }
    }
  })
})
