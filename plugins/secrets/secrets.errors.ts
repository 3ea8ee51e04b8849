// The secrets plugin's error codes. None carries a value: details name secrets and tools, nothing more.
import { detailsObject, type DetailsSchema, type ErrorDefinition } from '../../app/plugin-kit.js'

const secretName: DetailsSchema = { type: 'string', description: 'The secret name asked for.' }

export const secretsErrors = {
  SECRETS_NOT_FOUND: {
    status: 404,
    kind: 'not_found',
    title: 'Secret not found',
    details: detailsObject({ name: secretName }),
  },
  SECRETS_NAME_TAKEN: {
    status: 409,
    kind: 'conflict',
    title: 'A secret with this name already exists',
    details: detailsObject({ name: secretName }),
  },
  /** details: {name, dependent_tools}. Tools whose configuration refers to {{secrets.NAME}}. */
  SECRETS_IN_USE: {
    status: 409,
    kind: 'conflict',
    title: 'The secret is used by tools',
    details: detailsObject({
      name: secretName,
      dependent_tools: {
        type: 'array',
        description: 'The tools whose configuration refers to the secret: change or delete each first.',
        items: detailsObject({ id: { $ref: '#/components/schemas/Uuid' }, name: { type: 'string' } }),
      },
    }),
  },
  /** details: {reason}. No master key is configured, or a stored secret was made with a key not configured. */
  SECRETS_KEY_UNAVAILABLE: {
    status: 503,
    kind: 'unavailable',
    title: 'Secrets cannot be encrypted or decrypted now',
    details: detailsObject({
      reason: {
        type: 'string',
        enum: ['no_master_key', 'unknown_key', 'authentication_failed', 'malformed'],
        description:
          'no_master_key: SECRETS_MASTER_KEY is not set; unknown_key: the secret was encrypted with a master ' +
          'key not configured now; authentication_failed or malformed: the stored ciphertext does not open.',
      },
    }),
  },
  /** details: {names}. A tool refers to secrets the tenant does not have (raised to consumers, not by the API). */
  SECRETS_UNRESOLVED: {
    status: 422,
    kind: 'input',
    title: 'Unknown secrets referenced',
    details: detailsObject({
      names: { type: 'array', description: 'The names no secret of this tenant has.', items: secretName },
    }),
  },
} as const satisfies Record<string, ErrorDefinition>

declare module '../../app/plugin-kit.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges the codes into ErrorCodes
  interface ErrorCodes extends Record<keyof typeof secretsErrors, ErrorDefinition> {}
}
