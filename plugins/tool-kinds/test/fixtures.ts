// Builds the registry the way the plugin does (the kinds of kinds/, plus any contributed), for tests.
import { loadConfig, pluginSettingsOf } from '../../../app/config.js'
import { DomainError } from '../../../app/plugin-kit.js'
import { createEgress } from '../../egress/egress.js'
import { egressPlugin } from '../../egress/egress.plugin.js'
import { toolKindsPlugin } from '../tool-kinds.plugin.js' // registers the plugin's error codes, as loading it does
import { loadToolKinds } from '../tool-kinds.loader.js'
import { buildToolKindsRegistry, type ToolKindsRegistry } from '../tool-kinds.registry.js'
import type { TenantTransaction, ToolKind } from '../tool-kind.js'

export async function buildRegistry(extraKinds: ToolKind[] = []): Promise<ToolKindsRegistry> {
  const config = loadConfig({}, [egressPlugin, toolKindsPlugin])
  return buildToolKindsRegistry(
    {
      egress: createEgress(pluginSettingsOf(config, egressPlugin)),
      toolKindsConfig: pluginSettingsOf(config, toolKindsPlugin),
    },
    await loadToolKinds(),
    extraKinds,
  )
}

/** The DomainError a promise rejects with (fails the test when it resolves or rejects otherwise). */
export async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof DomainError) return error
    throw error
  }
  throw new Error('expected a rejection')
}

export const neverAborted = (): AbortSignal => new AbortController().signal

/** For kinds that never open a transaction (builtins, javascript): using it fails the call loudly. */
export const noTransaction: TenantTransaction = () =>
  Promise.reject(new Error('this kind was not expected to open a transaction'))
