// Finds the providers: every providers/<id>.provider.ts exporting `provider`. Adding a provider is adding
// that one file.
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ProviderFactory } from './provider.js'

const providersDir = path.join(import.meta.dirname, 'providers')

export async function loadProviderFactories(dir = providersDir): Promise<ProviderFactory[]> {
  const files = readdirSync(dir)
    .filter((file) => /^[a-z][a-z0-9-]*\.provider\.(ts|js)$/.test(file))
    .sort()
  const factories: ProviderFactory[] = []
  for (const file of files) {
    const module = (await import(pathToFileURL(path.join(dir, file)).href)) as { provider?: ProviderFactory }
    const factory = module.provider
    const expectedId = file.replace(/\.provider\.(ts|js)$/, '')
    if (!factory || factory.id !== expectedId) {
      throw new Error(`${file} must export \`provider\` with id "${expectedId}"`)
    }
    factories.push(factory)
  }
  return factories
}
