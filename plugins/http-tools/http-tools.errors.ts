// EGRESS_DENIED as a problem: a tool whose URL the egress policy refuses without resolving anything (a
// scheme the operator does not allow, userinfo, a refused address literal, localhost, a denied host, a host
// outside the tool's allowed_hosts) is not stored. At run time the same refusal is the tool's error
// result {code: EGRESS_DENIED, message}, which the model (or POST /tools/{id}/test) sees.
import { detailsObject, type ErrorDefinition } from '../../app/plugin-kit.js'

export const httpToolsErrors = {
  EGRESS_DENIED: {
    status: 422,
    kind: 'input',
    title: 'The egress policy refuses this destination',
    details: detailsObject({
      reason: {
        type: 'string',
        description:
          "Why: scheme, userinfo, no-host, host-not-allowed (the tool's allowed_hosts), denied-host, " +
          'denied-range, or the range of the address (loopback, private, linkLocal, uniqueLocal, ' +
          'carrierGradeNat, cloud-metadata, reserved, multicast, unspecified, ...).',
      },
      host: { type: 'string', description: "The URL's host, without brackets or trailing dot." },
      pointer: {
        type: 'string',
        description: 'A JSON pointer into the request body: /http/url (an http tool), /url (an MCP server).',
      },
    }),
  },
} as const satisfies Record<string, ErrorDefinition>

declare module '../../app/plugin-kit.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges the codes into ErrorCodes
  interface ErrorCodes extends Record<keyof typeof httpToolsErrors, ErrorDefinition> {}
}
