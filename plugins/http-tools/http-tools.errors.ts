// EGRESS_DENIED as a problem: a tool whose URL the egress policy refuses without resolving anything (a
// scheme the operator does not allow, userinfo, a refused address literal, localhost, a denied host, a host
// outside the tool's allowed_hosts) is not stored. At run time the same refusal is the tool's error
// result {code: EGRESS_DENIED, message}, which the model (or POST /tools/{id}/test) sees.
import type { ErrorDefinition } from '../../app/plugin-kit.js'
import { egressDeniedProblem } from '../egress/egress.js'

export const httpToolsErrors = {
  EGRESS_DENIED: egressDeniedProblem,
} as const satisfies Record<string, ErrorDefinition>

declare module '../../app/plugin-kit.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges the codes into ErrorCodes
  interface ErrorCodes extends Record<keyof typeof httpToolsErrors, ErrorDefinition> {}
}
