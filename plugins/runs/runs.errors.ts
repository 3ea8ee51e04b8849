// The runs plugin's error codes. openapi.yaml lists them in the x-error-codes of the responses that carry them.
import type { ErrorDefinition } from '../../app/plugin-kit.js'

export const runsHistoryErrors = {
  EXECUTION_NOT_FOUND: { status: 404, kind: 'not_found', title: 'Execution not found' },
  INVALID_CURSOR: {
    status: 400,
    kind: 'input',
    title: 'The pagination cursor is not valid for this request',
  },
  USAGE_RANGE_TOO_LARGE: {
    status: 400,
    kind: 'input',
    title: 'The usage range is longer than one report may sum',
  },
} as const satisfies Record<string, ErrorDefinition>

declare module '../../app/plugin-kit.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges the history codes into ErrorCodes
  interface ErrorCodes extends Record<keyof typeof runsHistoryErrors, ErrorDefinition> {}
}
