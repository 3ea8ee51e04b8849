// The configuration seam (PluginDefinition.config): a plugin's own variables are validated with the kernel's
// in one pass (every problem listed at once, as before), no plugin can take another's variable (or the
// kernel's), and the settings reach the container, typed, as `<camelCaseId>Config`.
import { expect } from 'chai'
import { asValue } from 'awilix'
import { configSchemaShape, ConfigError, loadConfig, pluginSettingsOf } from '../../app/config.js'
import { checkServiceNames, PluginError } from '../../app/kernel/plugin-graph.js'
import {
  definePluginConfig,
  z,
  type PluginDefinition,
  type ServiceRegistrations,
} from '../../app/plugin-kit.js'
import { testContainer } from '../helpers/container.js'

const probeEnv = definePluginConfig({
  schema: z
    .object({
      CONFIG_PROBE_LIMIT: z.coerce.number().int().min(1).max(50).default(10),
      CONFIG_PROBE_FLOOR: z.coerce.number().int().min(0).default(0),
    })
    .refine((env) => env.CONFIG_PROBE_FLOOR <= env.CONFIG_PROBE_LIMIT, {
      path: ['CONFIG_PROBE_FLOOR'],
      message: 'at most CONFIG_PROBE_LIMIT',
    }),
  settings: (env) => ({ limit: env.CONFIG_PROBE_LIMIT, floor: env.CONFIG_PROBE_FLOOR }),
})

const plugin = <T extends Partial<PluginDefinition>>(id: string, extra: T) => ({ id, dir: '/tmp', ...extra })
const probe = plugin('config-probe', { config: probeEnv })
const other = plugin('other-probe', {
  config: definePluginConfig({
    schema: z.object({ OTHER_PROBE_ON: z.enum(['yes', 'no']).default('no') }),
    settings: (env) => ({ on: env.OTHER_PROBE_ON === 'yes' }),
  }),
})

/** A plugin declaring exactly these variables. */
const declaring = (id: string, ...names: string[]) =>
  plugin(id, {
    config: definePluginConfig({
      schema: z.object(Object.fromEntries(names.map((name) => [name, z.string().optional()]))),
      settings: () => ({}),
    }),
  })

function problemsOf(load: () => unknown): string[] {
  try {
    load()
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError)
    const [heading, ...lines] = (error as ConfigError).message.split('\n')
    expect(heading).to.equal('Invalid configuration:')
    return lines.map((line) => line.trim())
  }
  return expect.fail('the configuration was accepted')
}

describe('plugin configuration (the config seam)', () => {
  it("gives each plugin its settings, typed by its declaration, from its variables' values and defaults", () => {
    const config = loadConfig({ CONFIG_PROBE_LIMIT: '25', OTHER_PROBE_ON: 'yes' }, [probe, other])
    const settings = pluginSettingsOf(config, probe)
    const limit: number = settings.limit // typed: no cast between the declaration and its reader
    expect(limit).to.equal(25)
    expect(settings).to.deep.equal({ limit: 25, floor: 0 })
    expect(pluginSettingsOf(config, other)).to.deep.equal({ on: true })
    expect(pluginSettingsOf(loadConfig({}, [probe]), probe)).to.deep.equal({ limit: 10, floor: 0 })
  })

  it("validates the kernel's and every plugin's variables in one pass, listing every problem", () => {
    expect(
      problemsOf(() =>
        loadConfig({ PORT: 'http', CONFIG_PROBE_LIMIT: '99', OTHER_PROBE_ON: 'maybe' }, [probe, other]),
      ),
    ).to.have.members([
      'PORT: Invalid input: expected number, received NaN',
      'CONFIG_PROBE_LIMIT: Too big: expected number to be <=50',
      'OTHER_PROBE_ON: Invalid option: expected one of "yes"|"no"',
    ])
    // A plugin's rule across its variables, in the same format.
    expect(
      problemsOf(() => loadConfig({ CONFIG_PROBE_LIMIT: '5', CONFIG_PROBE_FLOOR: '6' }, [probe])),
    ).to.deep.equal(['CONFIG_PROBE_FLOOR: at most CONFIG_PROBE_LIMIT'])
  })

  it('reads nothing of a plugin it was not given (the CLI loads the kernel only)', () => {
    const config = loadConfig({ CONFIG_PROBE_LIMIT: 'not even a number' })
    expect(config.pluginSettings.size).to.equal(0)
    expect(() => pluginSettingsOf(config, probe)).to.throw(ConfigError, /loaded without it/)
  })

  it("refuses at start a variable two plugins declare, or one of the kernel's, naming both owners", () => {
    expect(
      problemsOf(() => loadConfig({}, [probe, declaring('copycat', 'CONFIG_PROBE_LIMIT', 'PORT')])),
    ).to.deep.equal([
      'CONFIG_PROBE_LIMIT: declared by plugin "config-probe" and by plugin "copycat"',
      'PORT: declared by the kernel (app/config.ts) and by plugin "copycat"',
    ])
  })

  it('refuses names that are not UPPER_SNAKE, and names that would configure a model provider', () => {
    expect(problemsOf(() => loadConfig({}, [declaring('odd', 'probeLimit', 'ODD_API_KEY')]))).to.deep.equal([
      'probeLimit: declared by plugin "odd"; name it in UPPER_SNAKE',
      'ODD_API_KEY: declared by plugin "odd", but <ID>_API_KEY / <ID>_BASE_URL configure model providers',
    ])
  })

  it("lists the plugins' variables with the kernel's, each with its default (what .env.example shows)", () => {
    const shape = configSchemaShape([probe])
    expect(shape).to.include.keys('PORT', 'CONFIG_PROBE_LIMIT', 'CONFIG_PROBE_FLOOR')
    expect(shape.CONFIG_PROBE_LIMIT!.parse(undefined)).to.equal(10)
    expect(Object.keys(configSchemaShape())).to.not.include('CONFIG_PROBE_LIMIT')
  })

  describe('in the container', () => {
    const build = testContainer

    it("registers each plugin's settings as <camelCaseId>Config", async () => {
      const container = build(loadConfig({ CONFIG_PROBE_LIMIT: '3' }, [probe]), [probe])
      try {
        expect(container.resolve<unknown>('configProbeConfig')).to.deep.equal({ limit: 3, floor: 0 })
      } finally {
        await container.dispose()
      }
    })

    it('stops the boot when the configuration was loaded without a plugin that declares some', () => {
      expect(() => build(loadConfig({}), [probe])).to.throw(
        ConfigError,
        /Plugin "config-probe" declares configuration/,
      )
    })

    it('keeps <camelCaseId>Config for the settings: a service of that name stops the boot', () => {
      // Under an arbitrary name: the Cradle type only knows the real plugins' services.
      const services: ServiceRegistrations = Object.fromEntries([['configProbeConfig', asValue({})]])
      expect(() => checkServiceNames([plugin('config-probe', { services })])).to.throw(
        PluginError,
        /registers "configProbeConfig", the name of its settings/,
      )
    })
  })
})
