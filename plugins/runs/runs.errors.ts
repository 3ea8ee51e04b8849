// The runs plugin's error codes. openapi.yaml lists them in the x-error-codes of the responses that carry them.
import { detailsObject, type ErrorDefinition } from '../../app/plugin-kit.js'

export const runsHistoryErrors = {
  EXECUTION_NOT_FOUND: {
    status: 404,
    kind: 'not_found',
    title: 'Execution not found',
    details: detailsObject({ id: { $ref: '#/components/schemas/Uuid' } }),
  },
  INVALID_CURSOR: {
    status: 400,
    kind: 'input',
    title: 'The pagination cursor is not valid for this request',
    details: detailsObject({
      reason: { type: 'string', description: 'Why: it does not decode, or was issued for other filters.' },
    }),
  },
  USAGE_RANGE_TOO_LARGE: {
    status: 400,
    kind: 'input',
    title: 'The usage range is longer than one report may sum',
    details: detailsObject({
      max_days: { type: 'integer', description: 'The longest range one report sums, in days (366).' },
      requested_days: {
        type: 'integer',
        description: 'The length of the range asked for, in days, rounded up.',
      },
      from: {
        type: 'string',
        description: 'Start of the range asked for (the default when `from` was absent).',
      },
      to: { type: 'string', description: 'End of the range asked for.' },
    }),
  },
} as const satisfies Record<string, ErrorDefinition>

declare module '../../app/plugin-kit.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges the history codes into ErrorCodes
  interface ErrorCodes extends Record<keyof typeof runsHistoryErrors, ErrorDefinition> {}
}
