// The models that exist out of the box. They run on the mock provider (priced 0) unless a real provider
// that claims them is configured, in which case they run there at these list prices (USD per million tokens).
import type { ModelEntry } from './provider.js'

type BuiltIn = Omit<ModelEntry, 'provider'>

export const builtInModels: readonly BuiltIn[] = [
  {
    id: 'gpt-4o',
    providerModel: 'gpt-4o',
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
    inputPricePerMillion: 2.5,
    outputPricePerMillion: 10,
  },
  {
    id: 'gpt-4',
    providerModel: 'gpt-4',
    contextWindow: 8_192,
    maxOutputTokens: 8_192,
    inputPricePerMillion: 30,
    outputPricePerMillion: 60,
  },
  {
    id: 'gpt-3.5-turbo',
    providerModel: 'gpt-3.5-turbo',
    contextWindow: 16_385,
    maxOutputTokens: 4_096,
    inputPricePerMillion: 0.5,
    outputPricePerMillion: 1.5,
  },
  {
    id: 'claude-3-opus',
    providerModel: 'claude-3-opus-20240229',
    contextWindow: 200_000,
    maxOutputTokens: 4_096,
    inputPricePerMillion: 15,
    outputPricePerMillion: 75,
  },
  {
    id: 'claude-3-sonnet',
    providerModel: 'claude-3-sonnet-20240229',
    contextWindow: 200_000,
    maxOutputTokens: 4_096,
    inputPricePerMillion: 3,
    outputPricePerMillion: 15,
  },
]
