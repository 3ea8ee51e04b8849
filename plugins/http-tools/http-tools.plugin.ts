// Tools of kind http: one outbound HTTP request per call, through the egress module (plugins/egress), which
// decides what may be reached. Contributes the kind to the tool-kinds registry; owns no table.
import { asValue, definePlugin } from '../../app/plugin-kit.js'
import { isSettableHeader } from './http-config.js'
import { httpKind } from './http.kind.js'
import { httpToolsErrors } from './http-tools.errors.js'

/** The kind's rules other plugins build http tools by (the OpenAPI import). */
export interface HttpToolsRules {
  /** A header name a tool may set: a token, and not one the platform sets itself (Host, framing...). */
  isSettableHeader: (name: string) => boolean
}

declare module '../../app/plugin-kit.js' {
  interface Cradle {
    httpToolsRules: HttpToolsRules
  }
}

export const httpToolsPlugin = definePlugin({
  id: 'http-tools',
  dir: import.meta.dirname,
  dependsOn: ['egress', 'tool-kinds', 'secrets'],
  contributes: { toolKinds: [httpKind] },
  services: { httpToolsRules: asValue<HttpToolsRules>({ isSettableHeader }) },
  errors: httpToolsErrors,
})
