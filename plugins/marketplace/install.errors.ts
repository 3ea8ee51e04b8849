// The error codes of installing a listing and upgrading an installed agent (issue 20). Listed in the
// x-error-codes of marketplace.install.openapi.yaml.
import { detailsObject, type DetailsSchema, type ErrorDefinition } from '../../app/plugin-kit.js'

const version: DetailsSchema = { $ref: '#/components/schemas/SemanticVersion' }
const names = (description: string): DetailsSchema => ({
  type: 'array',
  description,
  items: { type: 'string' },
})
const upgradeEntries = (description: string): DetailsSchema => ({
  type: 'array',
  description,
  items: { $ref: '#/components/schemas/MarketplaceUpgradeChange' },
})

// Not found, yanked: the publishing side's codes (publish.errors.ts), thrown here as they are defined there.
export const installErrors = {
  /** details: {agent_names, tool_names}. Names the tenant's agents or tools already have; nothing created. */
  MARKETPLACE_INSTALL_NAME_CONFLICT: {
    status: 409,
    kind: 'conflict',
    title: 'Names of the package are taken',
    details: detailsObject({
      agent_names: names("The agent's name, when an agent of the tenant has it (give agent_name)."),
      tool_names: names("The package's tool names that tools of the tenant already have."),
    }),
  },
  /** details: {tool, error_code, message}. This platform refuses a tool of the package as it is. */
  MARKETPLACE_PACKAGE_NOT_INSTALLABLE: {
    status: 422,
    kind: 'input',
    title: 'The package cannot be installed here',
    details: detailsObject({
      tool: { type: 'string', description: 'The name of the tool refused.' },
      error_code: { type: 'string', description: 'Why, as creating the tool would answer.' },
      message: { type: 'string' },
    }),
  },
  /** details: {id}. The agent was not installed from the marketplace: there is nothing to upgrade. */
  MARKETPLACE_AGENT_NOT_INSTALLED: {
    status: 409,
    kind: 'conflict',
    title: 'The agent was not installed from the marketplace',
    details: detailsObject({ id: { $ref: '#/components/schemas/Uuid' } }),
  },
  /** details: {installed, requested}. An upgrade goes to a greater version only. */
  MARKETPLACE_UPGRADE_NOT_NEWER: {
    status: 422,
    kind: 'input',
    title: 'The version is not newer than the installed one',
    details: detailsObject({ installed: version, requested: version }),
  },
  /** details: {conflicts, changes}. Local edits the upgrade would overwrite; nothing was changed. */
  MARKETPLACE_UPGRADE_CONFLICT: {
    status: 409,
    kind: 'conflict',
    title: 'Local edits conflict with the upgrade',
    details: detailsObject({
      conflicts: upgradeEntries(
        'What the tenant changed that the new version changes too: kept, not overwritten.',
      ),
      changes: upgradeEntries('What the upgrade would apply without conflict.'),
    }),
  },
  /** details: {id}. The agent, its tools or its install changed while the upgrade was applied; send it again. */
  MARKETPLACE_UPGRADE_RACED: {
    status: 409,
    kind: 'conflict',
    title: 'The agent changed during the upgrade',
    details: detailsObject({ id: { $ref: '#/components/schemas/Uuid' } }),
  },
} as const satisfies Record<string, ErrorDefinition>

declare module '../../app/plugin-kit.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges the codes into ErrorCodes
  interface ErrorCodes extends Record<keyof typeof installErrors, ErrorDefinition> {}
}
