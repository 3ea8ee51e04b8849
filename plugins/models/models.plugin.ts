// Models and the providers that run them. The registry is a singleton: it holds no tenant state.
import { asFunction, definePlugin, type Cradle } from '../../app/plugin-kit.js'
import * as operations from './models.operations.js'
import { loadProviderFactories } from './models.providers.js'
import { buildModelsRegistry, type ModelsRegistry } from './models.registry.js'
import { makeModelsGateway, type ModelsGateway } from './models.gateway.js'

declare module '../../app/plugin-kit.js' {
  interface Cradle {
    modelsRegistry: ModelsRegistry
    modelsGateway: ModelsGateway
  }
}

const factories = await loadProviderFactories()

export const modelsPlugin = definePlugin({
  id: 'models',
  dir: import.meta.dirname,
  services: {
    modelsRegistry: asFunction(({ config }: Cradle) => buildModelsRegistry(config, factories)).singleton(),
    modelsGateway: asFunction(makeModelsGateway).singleton(),
  },
  operations,
  spec: 'models.openapi.yaml',
})
