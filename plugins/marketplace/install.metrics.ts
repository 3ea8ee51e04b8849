// Installs and upgrades as Prometheus counters in the app's registry (GET /metrics). Bounded labels: a
// fixed set of outcomes; never a tenant, a listing or an agent.
import { Counter } from 'prom-client'
import type { Cradle } from '../../app/plugin-kit.js'

export type UpgradeOutcome = 'applied' | 'dry_run' | 'conflict'

export interface InstallMetrics {
  /** An agent installed from a listing. */
  installed(): void
  upgraded(outcome: UpgradeOutcome): void
}

export function makeInstallMetrics({ metrics }: Pick<Cradle, 'metrics'>): InstallMetrics {
  const registers = [metrics.registry]
  const installs = new Counter({
    name: 'marketplace_installs_total',
    help: 'Agents installed from marketplace listings.',
    registers,
  })
  const upgrades = new Counter({
    name: 'marketplace_upgrades_total',
    help: 'Upgrades of installed agents, by outcome (applied, dry_run, conflict: refused for local edits).',
    labelNames: ['outcome'] as const,
    registers,
  })
  return {
    installed: () => installs.inc(),
    upgraded: (outcome) => upgrades.inc({ outcome }),
  }
}
