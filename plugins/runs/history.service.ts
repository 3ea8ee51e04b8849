// Rules for the execution history: pages by offset or by keyset cursor, the cursor's format and checks,
// bounds that must be in order, and usage figures. Executions are immutable, so there is nothing to change.
import { createHash } from 'node:crypto'
import { appError, type StatementPlace } from '../../app/plugin-kit.js'
import { toExecution, type Execution } from './execution.js'
import type {
  HistoryFilters,
  HistoryPosition,
  HistoryRepo,
  PositionedRow,
  UsageGrouping,
  UsageReport,
} from './history.repo.js'

export interface HistoryRequest {
  filters: HistoryFilters
  limit: number
  offset: number
  cursor?: string
}

export interface HistoryPage {
  items: Execution[]
  total: number
  limit: number
  offset: number
  has_more: boolean
  next_cursor: string | null
}

export type Usage = UsageReport & { group_by: UsageGrouping | null }

/**
 * The longest range one usage report sums, in days (366: any calendar year fits). What one request may
 * aggregate is bounded so that no tenant can ask the database to sum its whole history at once; a longer
 * period is several requests. openapi.yaml states the bound.
 */
export const maxUsageRangeDays = 366
const microsPerDay = 86_400_000_000n

const notFound = (id: string) => appError('EXECUTION_NOT_FOUND', `No execution with id ${id}.`, { id })

const outOfOrder = (path: string, message: string) =>
  appError('VALIDATION_ERROR', 'The request does not match the API contract.', {
    errors: [{ path, message }],
  })

const usageRangeTooLarge = (from: string, to: string, micros: bigint) =>
  appError(
    'USAGE_RANGE_TOO_LARGE',
    `One usage report sums at most ${maxUsageRangeDays} days; ask for the period in parts.`,
    {
      max_days: maxUsageRangeDays,
      requested_days: Number((micros + microsPerDay - 1n) / microsPerDay),
      from,
      to,
    },
  )

/** Refuses a range longer than maxUsageRangeDays, when JavaScript can read both ends (else the SQL bound holds). */
function requireUsageSpan(from: string, to: string): void {
  const [lower, upper] = [epochMicros(from), epochMicros(to)]
  if (lower === undefined || upper === undefined) return
  if (upper - lower > BigInt(maxUsageRangeDays) * microsPerDay)
    throw usageRangeTooLarge(from, to, upper - lower)
}

const invalidCursor = (reason: string) =>
  appError('INVALID_CURSOR', `The cursor cannot be used: ${reason}. Start again from the first page.`, {
    reason,
  })

/**
 * A date-time as microseconds since the epoch, or undefined when JavaScript cannot read it (PostgreSQL
 * then judges it). Date keeps milliseconds only, so the digits beyond them are added separately.
 */
function epochMicros(text: string): bigint | undefined {
  const match = /^(.+[Tt ]\d{2}:\d{2}:\d{2})(?:\.(\d+))?(.*)$/.exec(text)
  if (!match) return undefined
  const fraction = (match[2] ?? '').padEnd(6, '0')
  const millis = Date.parse(`${match[1]}.${fraction.slice(0, 3)}${match[3]}`)
  return Number.isNaN(millis) ? undefined : BigInt(millis) * 1000n + BigInt(fraction.slice(3, 6))
}

/** Fails with VALIDATION_ERROR when the lower bound is after the upper one. */
function requireOrder(
  lower: string | undefined,
  upper: string | undefined,
  path: string,
  message: string,
): void {
  if (lower === undefined || upper === undefined) return
  const [from, to] = [epochMicros(lower), epochMicros(upper)]
  if (from !== undefined && to !== undefined && from > to) throw outOfOrder(path, message)
}

// The cursor: base64url JSON {v, at, id, f}. at and id are the last item's created_at (microseconds, UTC)
// and id; f is a digest of the filters it was made for, so it cannot silently walk a different list.
const cursorVersion = 1
const cursorTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const filterDigest = (filters: HistoryFilters): string =>
  createHash('sha256')
    .update(
      JSON.stringify([
        filters.agentId?.toLowerCase() ?? null,
        filters.model ?? null,
        filters.status ?? null,
        filters.createdAfter ?? null,
        filters.createdBefore ?? null,
      ]),
    )
    .digest('base64url')
    .slice(0, 22)

/** Exported for the benchmarks, which build a cursor deep in a big history without paging to it. */
export const encodeCursor = (
  row: Pick<PositionedRow, 'id' | 'position_at'>,
  filters: HistoryFilters,
): string =>
  Buffer.from(
    JSON.stringify({ v: cursorVersion, at: row.position_at, id: row.id, f: filterDigest(filters) }),
  ).toString('base64url')

/** A real instant: the regular expression lets 2025-02-31 through, Date rolls it over to March. */
const isCalendarTimestamp = (at: string): boolean => {
  const millis = Date.parse(`${at.slice(0, 23)}Z`)
  return !Number.isNaN(millis) && new Date(millis).toISOString().slice(0, 23) === at.slice(0, 23)
}

function decodeCursor(cursor: string, filters: HistoryFilters): HistoryPosition {
  let decoded: unknown
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error('not base64url')
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    throw invalidCursor('it is not a cursor this API issued')
  }
  const { v, at, id, f } = (decoded ?? {}) as Record<string, unknown>
  if (
    v !== cursorVersion ||
    typeof at !== 'string' ||
    !cursorTimestamp.test(at) ||
    !isCalendarTimestamp(at) ||
    typeof id !== 'string' ||
    !uuid.test(id) ||
    typeof f !== 'string'
  ) {
    throw invalidCursor('it is not a cursor this API issued')
  }
  if (f !== filterDigest(filters)) throw invalidCursor('it was issued for different filters')
  return { at, id }
}

export function makeHistoryService({ runsHistoryRepo: repo }: { runsHistoryRepo: HistoryRepo }) {
  return {
    /**
     * A page newest first. With a cursor the page starts right after the execution it names, whatever was
     * added since; offset must then be 0. total counts every execution matching the filters.
     */
    async list(
      { filters, limit, offset, cursor }: HistoryRequest,
      place?: StatementPlace,
    ): Promise<HistoryPage> {
      requireOrder(
        filters.createdAfter,
        filters.createdBefore,
        '/query/created_after',
        'must not be later than created_before',
      )
      if (cursor !== undefined && offset > 0) {
        throw outOfOrder('/query/offset', 'must be 0 (or absent) when a cursor is given')
      }
      const after = cursor === undefined ? undefined : decodeCursor(cursor, filters)
      // One row more than the page tells whether another page follows, even as executions are added.
      const { rows, total } = await repo.page({ filters, limit: limit + 1, offset, after }, place)
      const hasMore = rows.length > limit
      const page = rows.slice(0, limit)
      return {
        items: page.map(toExecution),
        total,
        limit,
        offset,
        has_more: hasMore,
        next_cursor: hasMore ? encodeCursor(page.at(-1)!, filters) : null,
      }
    },

    async get(id: string): Promise<Execution> {
      const row = await repo.get(id)
      if (!row) throw notFound(id)
      return toExecution(row)
    },

    async usage(
      range: { from?: string; to?: string },
      groupBy: UsageGrouping | undefined,
      place?: StatementPlace,
    ): Promise<Usage> {
      // Without to, the range ends now: a from in the future would be a range that ends before it starts.
      requireOrder(
        range.from,
        range.to ?? new Date().toISOString(),
        '/query/from',
        'must not be later than to',
      )
      // The default range (720 hours) always fits.
      if (range.from !== undefined) requireUsageSpan(range.from, range.to ?? new Date().toISOString())
      const report = await repo.usage(range, groupBy, maxUsageRangeDays, place)
      // The repository sums nothing past the bound; a range JavaScript could not read is judged here.
      requireUsageSpan(report.from, report.to)
      const { from, to, totals, groups } = report
      return { from, to, group_by: groupBy ?? null, totals, groups }
    },
  }
}

export type HistoryService = ReturnType<typeof makeHistoryService>
