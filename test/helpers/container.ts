// A root container as the API and the worker build one, for tests of what the kernel wires: the shared test
// pool, no Redis (the limits are not used), the log silent unless TEST_LOG_LEVEL says otherwise.
import pino from 'pino'
import type { Config } from '../../app/config.js'
import { buildContainer } from '../../app/kernel/build-container.js'
import type { AppContainer } from '../../app/kernel/container.js'
import type { PluginDefinition } from '../../app/plugin-kit.js'
import { testStack } from '../harness/stack.js'

export const testContainer = (config: Config, plugins: readonly PluginDefinition[]): AppContainer =>
  buildContainer({
    config,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    sql: testStack().appSql,
    redis: undefined,
    plugins,
  })
