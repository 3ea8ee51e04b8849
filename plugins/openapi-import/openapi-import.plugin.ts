// Imports an OpenAPI 3.x document as http tools (POST /api/v1/tools/import): one tool per operation,
// created through the catalog's service, checked by the http kind like any other. Owns no table.
import { asFunction, definePlugin } from '../../app/plugin-kit.js'
import { openapiImportErrors } from './openapi-import.errors.js'
import * as operations from './openapi-import.operations.js'
import { makeOpenApiImporter, type OpenApiImporter } from './openapi-import.service.js'

declare module '../../app/plugin-kit.js' {
  interface Cradle {
    openapiImporter: OpenApiImporter
  }
}

export const openapiImportPlugin = definePlugin({
  id: 'openapi-import',
  // The catalog stores the tools; http-tools is the kind they are (and checks their URLs).
  dependsOn: ['catalog', 'http-tools'],
  dir: import.meta.dirname,
  services: {
    // A singleton: no tenant state; each call gets the request's units of work.
    openapiImporter: asFunction(makeOpenApiImporter).singleton(),
  },
  operations,
  spec: 'openapi-import.openapi.yaml',
  errors: openapiImportErrors,
})
