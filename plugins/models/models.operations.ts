import type { Operation } from '../../app/plugin-kit.js'

export const listModels: Operation = ({ services }) =>
  Promise.resolve({
    status: 200,
    body: {
      items: services.modelsRegistry.list().map((model) => ({
        id: model.id,
        provider: model.provider,
        context_window: model.contextWindow,
        max_output_tokens: model.maxOutputTokens,
        input_price_per_million: model.inputPricePerMillion,
        output_price_per_million: model.outputPricePerMillion,
      })),
    },
  })
