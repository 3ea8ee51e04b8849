// The operator's outbound policy (the plugin's own variables, validated with the rest at boot: plugins/README.md,
// "Configuration"): exceptions to the refused ranges and names, more refusals, plain http besides https.
import { booleanFlag, definePluginConfig, z, type SettingsOf } from '../../app/plugin-kit.js'
import { parseEgressList, type EgressList, type EgressSettings } from './egress-settings.js'

/** EGRESS_ALLOW / EGRESS_DENY: comma-separated addresses, CIDRs, host names and `*.domain` entries. */
const egressList = z
  .string()
  .default('')
  .transform((value, ctx): EgressList => {
    const { list, bad } = parseEgressList(value)
    if (bad.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `comma-separated addresses, CIDRs, host names or *.domain; not ${bad.join(', ')}`,
      })
      return z.NEVER
    }
    return list
  })

export const egressEnv = definePluginConfig({
  schema: z.object({
    EGRESS_ALLOW: egressList,
    EGRESS_DENY: egressList,
    EGRESS_ALLOW_HTTP: booleanFlag.default(false),
  }),
  settings: (env): EgressSettings => ({
    allow: env.EGRESS_ALLOW,
    deny: env.EGRESS_DENY,
    allowHttp: env.EGRESS_ALLOW_HTTP,
  }),
})

/** The policy's settings: `egressConfig` in the container, what the one `egress` is built from. */
export type EgressConfig = SettingsOf<typeof egressEnv>
