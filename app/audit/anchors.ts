// Anchors of the audit chains. The hash chain shows an edited or deleted event, but not the newest events
// deleted (the chain just ends earlier) or a chain rewritten whole by the database owner. An anchor records
// a chain's head (its seq and hash) at a point in time, signed with an HMAC whose key (AUDIT_ANCHOR_KEY) is
// kept outside the database, in a file the database owner cannot rewrite (appended to by the operators'
// `npm run admin -- audit anchor`, e.g. from cron). `audit verify --anchors FILE` then checks that every
// chain still holds, at the latest seq anchored for it, the event with the anchored hash: a chain shorter
// than that seq was truncated; another hash means the chain was rewritten. A line whose signature does not
// verify was not written with the key: it is reported, never trusted.
import { createHmac, timingSafeEqual } from 'node:crypto'
import type { Sql } from '../../db/client.js'

/** Where the tenant-less chain sorts (the audit log's unique index); written as a literal in the queries too. */
const noTenant = '00000000-0000-0000-0000-000000000000'

export interface ChainHead {
  /** null: the chain of no tenant (failed authentications with unknown keys). */
  tenant_id: string | null
  seq: number
  /** The head event's hash, hex. */
  hash: string
}

export interface Anchor extends ChainHead {
  anchored_at: string
  /** HMAC-SHA256 of the fields above, hex. */
  mac: string
}

export interface AnchorBreak {
  tenant_id: string | null
  /** The anchored seq. */
  seq: number
  /** Where the chain ends now (null: no event left). */
  head_seq: number | null
  reason: 'truncated' | 'anchor_missing' | 'anchor_mismatch'
}

export interface BadAnchorLine {
  line: number
  reason: 'unreadable' | 'bad_signature'
}

const macOf = (key: string, { tenant_id, seq, hash, anchored_at }: Omit<Anchor, 'mac'>): string =>
  createHmac('sha256', key)
    .update(JSON.stringify(['map-audit-anchor-v1', tenant_id, seq, hash, anchored_at]))
    .digest('hex')

/** The head of every chain, as map_admin (who reads the whole log). */
export async function readChainHeads(sql: Sql): Promise<ChainHead[]> {
  return sql<ChainHead[]>`
    select distinct on (coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid)) tenant_id, seq::int as seq, encode(hash, 'hex') as hash
      from audit_events
     order by coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid), seq desc`
}

export function signAnchors(key: string, heads: ChainHead[], at: Date): Anchor[] {
  const anchoredAt = at.toISOString()
  return heads.map((head) => {
    const fields = { tenant_id: head.tenant_id, seq: head.seq, hash: head.hash, anchored_at: anchoredAt }
    return { ...fields, mac: macOf(key, fields) }
  })
}

/** One JSON object a line (JSON Lines), so a file can only grow by appending. */
export const anchorLines = (anchors: Anchor[]): string =>
  anchors.map((anchor) => `${JSON.stringify(anchor)}\n`).join('')

const isAnchorShape = (value: unknown): value is Anchor => {
  const a = value as Partial<Anchor> | null
  return (
    typeof a === 'object' &&
    a !== null &&
    (a.tenant_id === null || typeof a.tenant_id === 'string') &&
    Number.isInteger(a.seq) &&
    typeof a.hash === 'string' &&
    typeof a.anchored_at === 'string' &&
    typeof a.mac === 'string'
  )
}

/** The anchors of a file whose signatures verify, and the lines that do not. */
export function readAnchors(key: string, text: string): { anchors: Anchor[]; bad: BadAnchorLine[] } {
  const anchors: Anchor[] = []
  const bad: BadAnchorLine[] = []
  text.split('\n').forEach((raw, index) => {
    if (raw.trim() === '') return
    let parsed: unknown
    try {
      parsed = JSON.parse(raw)
    } catch {
      parsed = undefined
    }
    if (!isAnchorShape(parsed)) return void bad.push({ line: index + 1, reason: 'unreadable' })
    const expected = Buffer.from(macOf(key, parsed), 'hex')
    const given = Buffer.from(parsed.mac, 'hex')
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return void bad.push({ line: index + 1, reason: 'bad_signature' })
    anchors.push(parsed)
  })
  return { anchors, bad }
}

/** Checks the latest anchor of each chain against the log as it is now. */
export async function checkAnchors(sql: Sql, anchors: Anchor[]): Promise<AnchorBreak[]> {
  const latest = new Map<string, Anchor>()
  for (const anchor of anchors) {
    const chain = anchor.tenant_id ?? noTenant
    if ((latest.get(chain)?.seq ?? 0) < anchor.seq) latest.set(chain, anchor)
  }
  if (latest.size === 0) return []
  const wanted = [...latest.values()]
  const rows = await sql<{ chain: string; seq: number; hash: string | null; head_seq: number | null }[]>`
    select a.chain::text as chain, a.seq::int as seq, encode(e.hash, 'hex') as hash,
           (select max(x.seq)::int from audit_events x where coalesce(x.tenant_id, '00000000-0000-0000-0000-000000000000'::uuid) = a.chain)
             as head_seq
      from unnest(${wanted.map((a) => a.tenant_id ?? noTenant)}::uuid[], ${wanted.map((a) => a.seq)}::bigint[])
             as a(chain, seq)
      left join audit_events e on coalesce(e.tenant_id, '00000000-0000-0000-0000-000000000000'::uuid) = a.chain and e.seq = a.seq`
  const breaks: AnchorBreak[] = []
  for (const row of rows) {
    const anchor = latest.get(row.chain)!
    const base = { tenant_id: anchor.tenant_id, seq: anchor.seq, head_seq: row.head_seq }
    if (row.hash === null) {
      breaks.push({ ...base, reason: (row.head_seq ?? 0) < anchor.seq ? 'truncated' : 'anchor_missing' })
    } else if (row.hash !== anchor.hash) {
      breaks.push({ ...base, reason: 'anchor_mismatch' })
    }
  }
  return breaks
}
