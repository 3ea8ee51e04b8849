// Which models exist and who runs them: the built-ins, routed to a configured provider that claims them
// (else the mock, priced 0), then MODELS_FILE's additions and overrides.
import type { Config } from '../../app/plugin-kit.js'
import type { ModelEntry, ModelProvider, ProviderFactory } from './provider.js'
import { builtInModels } from './models.defaults.js'

export interface ModelsRegistry {
  list(): ModelEntry[]
  find(id: string): ModelEntry | undefined
  provider(id: string): ModelProvider
  /** Cost in USD of the tokens, at the model's prices. */
  costOf(model: ModelEntry, inputTokens: number, outputTokens: number): number
}

export function buildModelsRegistry(config: Config, factories: readonly ProviderFactory[]): ModelsRegistry {
  const providers = new Map<string, ModelProvider>()
  for (const factory of factories) {
    const created = factory.create({ ...config.providers[factory.id], timeoutMs: config.providerTimeoutMs })
    if (created) providers.set(factory.id, created)
  }
  if (!providers.has('mock')) throw new Error('The mock provider is missing from plugins/models/providers')

  const models = new Map<string, ModelEntry>()
  for (const model of builtInModels) {
    const claimant = factories.find((factory) => providers.has(factory.id) && factory.claims(model.id))
    models.set(
      model.id,
      claimant
        ? { ...model, provider: claimant.id }
        : { ...model, provider: 'mock', inputPricePerMillion: 0, outputPricePerMillion: 0 },
    )
  }
  for (const entry of config.models) {
    if (!providers.has(entry.provider)) {
      throw new Error(
        `MODELS_FILE: model ${entry.id} names provider "${entry.provider}", which is not configured`,
      )
    }
    const base = models.get(entry.id)
    models.set(entry.id, {
      id: entry.id,
      provider: entry.provider,
      providerModel: entry.provider_model ?? base?.providerModel ?? entry.id,
      contextWindow: entry.context_window ?? base?.contextWindow ?? 8_192,
      maxOutputTokens: entry.max_output_tokens ?? base?.maxOutputTokens ?? 4_096,
      inputPricePerMillion: entry.input_price_per_million ?? 0,
      outputPricePerMillion: entry.output_price_per_million ?? 0,
    })
  }

  const costOf = (model: ModelEntry, inputTokens: number, outputTokens: number) =>
    (inputTokens * model.inputPricePerMillion + outputTokens * model.outputPricePerMillion) / 1_000_000
  return {
    list: () => [...models.values()].sort((a, b) => a.id.localeCompare(b.id)),
    find: (id) => models.get(id),
    provider: (id) => {
      const provider = providers.get(id)
      if (!provider) throw new Error(`provider ${id} is not configured`)
      return provider
    },
    costOf,
  }
}
