// SQL for the execution row of a run: inserted when the run starts (running), then updated as its loop
// goes. Every status change is conditional on the status it leaves (execution-state.ts decides the move),
// so a move two requests race for is made once. Tokens, cost and latency are added per step: the row always
// carries the sum of its steps.
import { sendStatements, type PendingRows, type TransactionSql } from '../../app/plugin-kit.js'
import type { Reservation } from './budget.js'
import { cancelChannel } from './run.cancel-signals.js'
import {
  executionColumnNames,
  type AgentSnapshot,
  type ExecutionError,
  type ExecutionRow,
  type ExecutionStatus,
  type RequiredAction,
  type ToolCall,
} from './execution.js'

export interface NewExecution {
  id: string
  agentSnapshot: AgentSnapshot
  model: string
  provider: string
  prompt: string
  maxSteps: number
  /** A background run starts queued, for a worker (run.background.ts). */
  background?: boolean
  /** The budget held for the first model call (a foreground run's; a queued run holds none). */
  reservation?: Reservation
}

/** What a model step adds to its execution. */
export interface StepUsage {
  inputTokens: number
  outputTokens: number
  /** The provider did not report the usage (the call did not complete): the tokens are an estimate. */
  usageEstimated: boolean
  costUsd: number
  latencyMs: number
}

export interface ExecutionChange {
  /** Added to the execution's sums. */
  usage?: StepUsage
  /** Tool latency (the slowest call of a step) added to latency_ms. */
  addLatencyMs?: number
  /** Appended to tool_calls. */
  toolCalls?: ToolCall[]
  stepsAdded?: number
  response?: string | null
  /** A status move; the update applies only while the execution still has `from`. */
  move?: { from: ExecutionStatus; to: ExecutionStatus }
  error?: ExecutionError | null
  requiredAction?: RequiredAction | null
  incompleteReason?: 'max_steps'
  /** Seconds from now; null clears the deadline. */
  expiresInSeconds?: number | null
  /** The budget held for the model call now in flight; null once it is settled. */
  reservation?: Reservation | null
}

export function makeRunRepo({ tx, tenantId }: { tx: TransactionSql; tenantId: string }) {
  const columns = tx(executionColumnNames as unknown as string[])
  const json = (value: unknown) => (value === null || value === undefined ? null : tx.json(value as never))
  const keep = tx``

  const inserted = tx`
      execution_logs (id, tenant_id, agent_id, agent_snapshot, model, provider, prompt, status, tool_calls,
                      max_steps, updated_at, background, reservation)`
  const statusOf = (e: Omit<NewExecution, 'agentSnapshot'>) => (e.background ? 'queued' : 'running')
  const insert = (e: NewExecution) => tx`
      insert into ${inserted}
      values (${e.id}, ${tenantId}, ${e.agentSnapshot.id}, ${json(e.agentSnapshot)}, ${e.model}, ${e.provider},
              ${e.prompt}, ${statusOf(e)}, '[]'::jsonb, ${e.maxSteps}, now(), ${e.background ?? false},
              ${json(e.reservation)})`

  /** The change as one statement, not sent yet. */
  const updateStatement = (id: string, c: ExecutionChange) => {
    const u = c.usage
    return tx<ExecutionRow[]>`
        update execution_logs
           set input_tokens = input_tokens + ${u?.inputTokens ?? 0},
               output_tokens = output_tokens + ${u?.outputTokens ?? 0},
               usage_estimated = usage_estimated or ${u?.usageEstimated ?? false},
               cost_usd = cost_usd + ${u?.costUsd ?? 0},
               latency_ms = latency_ms + ${(u?.latencyMs ?? 0) + (c.addLatencyMs ?? 0)},
               tool_calls = coalesce(tool_calls, '[]'::jsonb) || ${json(c.toolCalls ?? [])}::jsonb,
               steps_count = steps_count + ${c.stepsAdded ?? 0},
               ${c.response !== undefined ? tx`response = ${c.response},` : keep}
               ${c.move ? tx`status = ${c.move.to},` : keep}
               ${c.error !== undefined ? tx`error = ${json(c.error)},` : keep}
               ${c.requiredAction !== undefined ? tx`required_action = ${json(c.requiredAction)},` : keep}
               ${c.incompleteReason ? tx`incomplete_reason = ${c.incompleteReason},` : keep}
               ${c.reservation !== undefined ? tx`reservation = ${json(c.reservation)},` : keep}
               ${
                 c.expiresInSeconds === undefined
                   ? keep
                   : c.expiresInSeconds === null
                     ? tx`expires_at = null,`
                     : tx`expires_at = now() + make_interval(secs => ${c.expiresInSeconds}),`
               }
               updated_at = now()
         where tenant_id = ${tenantId} and id = ${id}
           ${c.move ? tx`and status = ${c.move.from}` : keep}
        returning ${columns}`
  }

  return {
    /**
     * The run's row as it starts: running (queued for a background run), nothing used yet. One statement,
     * not sent yet (commitWith).
     */
    start: (e: NewExecution) => insert(e),

    /**
     * start(), the agent's snapshot being its card (the catalog's agents card(), `card`) as read in this same
     * statement: nothing to wait for before it, so a run's first transaction can be one round trip
     * (run.service.ts). Answers the snapshot recorded; no row, and nothing inserted, when the card has none
     * (no such agent). One statement, not sent yet (commitWith).
     */
    startWithCard: (
      e: Omit<NewExecution, 'agentSnapshot'>,
      agentId: string,
      card: PendingRows<{ card: AgentSnapshot }>,
    ) =>
      // Typed: a parameter in a select list is not typed by the column it goes to, as one in VALUES is.
      tx<{ agent_snapshot: AgentSnapshot }[]>`
        insert into ${inserted}
        select ${e.id}::uuid, ${tenantId}::uuid, ${agentId}::uuid, c.card, ${e.model}::text, ${e.provider}::text,
               ${e.prompt}::text, ${statusOf(e)}::text, '[]'::jsonb, ${e.maxSteps}::smallint, now(),
               ${e.background ?? false}::boolean, ${json(e.reservation)}::jsonb
          from (${card}) c
        returning agent_snapshot`,

    /**
     * start(), answering the row as it was inserted (a background run's 202 shows it). One statement, not
     * sent yet (commitWith).
     */
    startReturning: (e: NewExecution) => tx<ExecutionRow[]>`${insert(e)} returning ${columns}`,

    /** Applies the change; undefined when a status move finds the execution no longer in `from`. */
    async update(id: string, c: ExecutionChange): Promise<ExecutionRow | undefined> {
      const [row] = await updateStatement(id, c)
      return row
    },

    /** update(), not sent yet: for a COMMIT (commitWith) when the caller holds the row's lock already. */
    updateStatement,

    /**
     * The execution, locked until the transaction ends, after expiring it if it waited past its deadline
     * (the lazy half of expiry; the sweep does the rest). Answering a run starts here.
     */
    async lockForAnswer(id: string): Promise<ExecutionRow | undefined> {
      await expireIfDue(id)
      const [row] = await tx<ExecutionRow[]>`
        select ${columns} from execution_logs where tenant_id = ${tenantId} and id = ${id} for update`
      return row
    },

    /**
     * The run a worker takes up, locked until the transaction ends, with the budget a lost attempt's model
     * call may still hold (run.background.ts).
     */
    async lockForWorker(
      id: string,
    ): Promise<(ExecutionRow & { reservation: Reservation | null }) | undefined> {
      const [row] = await tx<(ExecutionRow & { reservation: Reservation | null })[]>`
        select ${columns}, reservation from execution_logs where tenant_id = ${tenantId} and id = ${id} for update`
      return row
    },

    /**
     * Asks a running run to stop: the mark its loop finds at its next step boundary, and a wake-up of the
     * process running it (run.cancel-signals.ts). Undefined when the run is not running.
     */
    async requestCancel(id: string): Promise<ExecutionRow | undefined> {
      const [row] = await tx<ExecutionRow[]>`
        update execution_logs
           set cancel_requested_at = coalesce(cancel_requested_at, now()), updated_at = now()
         where tenant_id = ${tenantId} and id = ${id} and status = 'running'
        returning ${columns}`
      if (row) await tx`select pg_notify(${cancelChannel}, ${`${tenantId}:${id}`})`
      return row
    },

    /**
     * Takes up a run the orphan sweep found (run.orphans.ts): still queued or running and not written for
     * staleSeconds, re-checked here so a loop that wrote it meanwhile keeps it. Marks it written now, so the
     * next sweep leaves it to the job this one enqueues; undefined when it is not an orphan any more.
     */
    async claimOrphan(
      id: string,
      staleSeconds: number,
    ): Promise<{ background: boolean; updated_at: Date } | undefined> {
      const [row] = await tx<{ background: boolean; updated_at: Date }[]>`
        update execution_logs set updated_at = now()
         where tenant_id = ${tenantId} and id = ${id} and status in ('queued', 'running')
           and updated_at < now() - make_interval(secs => ${staleSeconds})
        returning background, updated_at`
      return row
    },

    expireIfDue,
  }

  /**
   * requires_action past expires_at becomes expired; true when this call made the move. Sent when called
   * (sendStatements), so a statement made next, even one sent with the COMMIT, follows it in the same write.
   */
  async function expireIfDue(id: string): Promise<boolean> {
    const [expired] = await sendStatements(
      tx,
      undefined,
      tx`
        update execution_logs set status = 'expired', updated_at = now()
         where tenant_id = ${tenantId} and id = ${id} and status = 'requires_action' and expires_at <= now()
        returning id`,
    )
    return expired.length > 0
  }
}

export type RunRepo = ReturnType<typeof makeRunRepo>
