import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { expect } from 'chai'
import { loadConfig } from '../../../app/config.js'
import { loadProviderFactories } from '../models.providers.js'
import { buildModelsRegistry } from '../models.registry.js'
import { buildTestApp, testConfig } from '../../../test/helpers/api.js'
import { scratchDir } from '../../../test/helpers/scratch-dir.js'

const modelsFile = (models: unknown[]): string => {
  const file = path.join(scratchDir('models-'), 'models.json')
  writeFileSync(file, JSON.stringify({ models }))
  return file
}

describe('the models registry', () => {
  it('finds every provider file: anthropic, mock and openai', async () => {
    const ids = (await loadProviderFactories()).map((factory) => factory.id)
    expect(ids).to.deep.equal(['anthropic', 'mock', 'openai'])
  })

  it('runs the five built-in models on the mock provider at price 0 when no provider is configured', async () => {
    const registry = buildModelsRegistry(loadConfig({}), await loadProviderFactories())
    expect(registry.list().map((m) => [m.id, m.provider, m.inputPricePerMillion])).to.deep.equal([
      ['claude-3-opus', 'mock', 0],
      ['claude-3-sonnet', 'mock', 0],
      ['gpt-3.5-turbo', 'mock', 0],
      ['gpt-4', 'mock', 0],
      ['gpt-4o', 'mock', 0],
    ])
  })

  it('routes the gpt models to openai once OPENAI_BASE_URL is set, and leaves claude on the mock', async () => {
    const config = loadConfig({ OPENAI_BASE_URL: 'http://127.0.0.1:1/v1' })
    const registry = buildModelsRegistry(config, await loadProviderFactories())
    expect(registry.find('gpt-4')).to.include({ provider: 'openai', inputPricePerMillion: 30 })
    expect(registry.find('claude-3-opus')).to.include({ provider: 'mock' })
  })

  it('adds and overrides models from MODELS_FILE, prices included, and prices the tokens', async () => {
    const file = modelsFile([
      { id: 'house-model', provider: 'mock', input_price_per_million: 1, output_price_per_million: 2 },
      { id: 'gpt-4o', provider: 'mock', max_output_tokens: 100 },
    ])
    const registry = buildModelsRegistry(loadConfig({ MODELS_FILE: file }), await loadProviderFactories())
    const house = registry.find('house-model')!
    expect(house).to.include({ provider: 'mock', providerModel: 'house-model', outputPricePerMillion: 2 })
    expect(registry.costOf(house, 1_000_000, 500_000)).to.equal(2)
    expect(registry.find('gpt-4o')).to.include({ maxOutputTokens: 100, contextWindow: 128_000 })
  })

  it('refuses to boot when MODELS_FILE names a provider that is not configured', () => {
    const file = modelsFile([{ id: 'x', provider: 'anthropic' }])
    expect(() => buildTestApp({ config: testConfig({ MODELS_FILE: file }) })).to.throw(/provider "anthropic"/)
  })

  it('refuses a MODELS_FILE entry with an unknown field, naming it', () => {
    const file = modelsFile([{ id: 'x', provider: 'mock', price: 3 }])
    expect(() => loadConfig({ MODELS_FILE: file })).to.throw(/MODELS_FILE/)
  })
})
