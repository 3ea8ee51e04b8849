// Outbound requests: the one egress module every request that leaves the machine goes through (http tools, MCP
// servers, webhooks, the marketplace's URL checks), as the root singleton `egress`, built once from the
// operator's EGRESS_* policy (egress.config.ts). Plugins that send anything depend on this one and never build
// their own. See plugins/egress/README.md and SECURITY.md "Egress".
import { asFunction, definePlugin, type Cradle } from '../../app/plugin-kit.js'
import { egressEnv, type EgressConfig } from './egress.config.js'
import { createEgress, type Egress } from './egress.js'

declare module '../../app/plugin-kit.js' {
  interface Cradle {
    /** EGRESS_ALLOW, EGRESS_DENY, EGRESS_ALLOW_HTTP (egress.config.ts): what `egress` is built from. */
    egressConfig: EgressConfig
    /**
     * The one egress module: everything a plugin sends off the machine goes through it, under the
     * operator's policy. Plugins use this one (`dependsOn: ['egress']`) and never build their own.
     */
    egress: Egress
  }
}

export const egressPlugin = definePlugin({
  id: 'egress',
  dir: import.meta.dirname,
  config: egressEnv,
  services: {
    egress: asFunction(({ egressConfig }: Cradle) => createEgress(egressConfig)).singleton(),
  },
})
