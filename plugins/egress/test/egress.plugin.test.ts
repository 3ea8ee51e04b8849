// The egress plugin in the container: its EGRESS_* variables validated with everything else at boot (the
// messages the kernel gave when it owned them), the one `egress` built from them as a root singleton, and the
// tests' way of registering their own (withEgress) without a seam in the kernel.
import { expect } from 'chai'
import { ConfigError, loadConfig, pluginSettingsOf, type Config } from '../../../app/config.js'
import type { PluginDefinition } from '../../../app/plugin-kit.js'
import { withEgress } from '../../../test/helpers/api.js'
import { testContainer } from '../../../test/helpers/container.js'
import { createEgress, defaultEgressSettings, EgressError } from '../egress.js'
import { egressPlugin } from '../egress.plugin.js'

const build = (config: Config, plugins: readonly PluginDefinition[] = [egressPlugin]) =>
  testContainer(config, plugins)

/** The ConfigError loadConfig throws for env with the egress plugin loaded. */
function configErrorFor(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env, [egressPlugin])
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError)
    return error as ConfigError
  }
  return expect.fail(`loadConfig accepted ${JSON.stringify(env)}`)
}

describe('egress plugin', () => {
  describe('configuration (EGRESS_*)', () => {
    it('refuses nothing and allows nothing extra by default: https only, the built-in refusals', () => {
      expect(pluginSettingsOf(loadConfig({}, [egressPlugin]), egressPlugin)).to.deep.equal(
        defaultEgressSettings,
      )
    })

    it('reads the lists (addresses, CIDRs, host names, *.domain, lower-cased) and the http switch', () => {
      const config = loadConfig(
        {
          EGRESS_ALLOW: '10.0.0.0/8, Internal.Example.',
          EGRESS_DENY: '*.evil.test,192.0.2.1',
          EGRESS_ALLOW_HTTP: '1',
        },
        [egressPlugin],
      )
      expect(pluginSettingsOf(config, egressPlugin)).to.deep.equal({
        allow: { ranges: ['10.0.0.0/8'], hosts: ['internal.example'] },
        deny: { ranges: ['192.0.2.1'], hosts: ['*.evil.test'] },
        allowHttp: true,
      })
    })

    it('refuses a bad entry or switch at boot, naming each variable and the entries it refuses', () => {
      const error = configErrorFor({
        EGRESS_ALLOW: '10.0.0.0/8,not a host',
        EGRESS_DENY: 'a_b',
        EGRESS_ALLOW_HTTP: 'yes',
      })
      expect(error.message).to.include(
        'EGRESS_ALLOW: comma-separated addresses, CIDRs, host names or *.domain; not not a host',
      )
      expect(error.message).to.include(
        'EGRESS_DENY: comma-separated addresses, CIDRs, host names or *.domain; not a_b',
      )
      expect(error.message).to.match(/EGRESS_ALLOW_HTTP: /)
    })
  })

  describe('in the container', () => {
    it('registers egressConfig and one egress built from it, the same instance for everyone', async () => {
      const container = build(loadConfig({ EGRESS_ALLOW_HTTP: 'true' }, [egressPlugin]))
      try {
        expect(container.cradle.egressConfig.allowHttp).to.equal(true)
        const egress = container.cradle.egress
        expect(() => egress.policy.checkUrl(new URL('http://example.com/'))).to.not.throw()
        expect(() => egress.policy.checkUrl(new URL('ftp://example.com/'))).to.throw(EgressError)
        expect(container.createScope().cradle.egress).to.equal(egress)
      } finally {
        await container.dispose()
      }
    })

    it("takes a test's own egress in place of the configured one (withEgress: a scripted resolver)", async () => {
      const egress = createEgress(defaultEgressSettings)
      const container = build(loadConfig({}, [egressPlugin]), withEgress([egressPlugin], egress))
      try {
        expect(container.cradle.egress).to.equal(egress)
      } finally {
        await container.dispose()
      }
    })
  })
})
