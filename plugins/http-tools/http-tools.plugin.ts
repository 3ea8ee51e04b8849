// Tools of kind http: one outbound HTTP request per call, through the egress module (app/egress), which
// decides what may be reached. Contributes the kind to the tool-kinds registry; owns no table.
import { definePlugin } from '../../app/plugin-kit.js'
import { httpKind } from './http.kind.js'
import { httpToolsErrors } from './http-tools.errors.js'

export const httpToolsPlugin = definePlugin({
  id: 'http-tools',
  dir: import.meta.dirname,
  dependsOn: ['tool-kinds', 'secrets'],
  contributes: { toolKinds: [httpKind] },
  errors: httpToolsErrors,
})
