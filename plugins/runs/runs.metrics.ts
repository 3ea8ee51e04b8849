// The runs plugin's Prometheus counters, registered in the app's own registry (`metrics.registry`), so they
// appear on GET /metrics beside the kernel's. Labels are bounded: models are the registry's ids, providers
// and statuses fixed sets; never a tenant id.
import { Counter } from 'prom-client'
import type { Cradle } from '../../app/plugin-kit.js'

export interface ExecutionSample {
  model: string
  provider: string
  /** completed, failed or cancelled, as recorded in the history. */
  status: string
  inputTokens: number
  outputTokens: number
  costUsd: number
}

export interface RunsMetrics {
  /** One recorded execution: counted by outcome, with its tokens and cost. */
  recordExecution(sample: ExecutionSample): void
}

export function makeRunsMetrics({ metrics }: Pick<Cradle, 'metrics'>): RunsMetrics {
  const registers = [metrics.registry]
  const executions = new Counter({
    name: 'agent_executions_total',
    help: 'Agent runs recorded in the history, by model, provider and outcome.',
    labelNames: ['model', 'provider', 'status'] as const,
    registers,
  })
  const tokens = new Counter({
    name: 'model_tokens_total',
    help: 'Tokens the providers reported for recorded runs, by direction (input: prompt, output: completion).',
    labelNames: ['model', 'provider', 'direction'] as const,
    registers,
  })
  const cost = new Counter({
    name: 'model_cost_usd_total',
    help: "Cost in US dollars of recorded runs, at the models' configured prices.",
    labelNames: ['model', 'provider'] as const,
    registers,
  })
  return {
    recordExecution: ({ model, provider, status, inputTokens, outputTokens, costUsd }) => {
      executions.inc({ model, provider, status })
      tokens.inc({ model, provider, direction: 'input' }, inputTokens)
      tokens.inc({ model, provider, direction: 'output' }, outputTokens)
      cost.inc({ model, provider }, costUsd)
    },
  }
}
