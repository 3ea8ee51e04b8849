// Why an outbound request did not happen or did not finish. A value the caller turns into what its own
// callers see (an http tool returns it as the tool's error result); never thrown past the platform's edge.
import { detailsObject, type ErrorDefinition } from '../../app/plugin-kit.js'

/** TOO_LARGE: a streamed answer (egress.fetch) went past its byte cap; request() truncates instead. */
export type EgressErrorCode = 'EGRESS_DENIED' | 'TIMEOUT' | 'CONNECTION_FAILED' | 'CANCELLED' | 'TOO_LARGE'

export interface EgressDenial {
  /** 'scheme', 'userinfo', 'host-not-allowed', 'denied-host', 'denied-range', 'loopback', 'private', ... */
  reason: string
  host: string
  /** The resolved (or literal) address refused, when the refusal is about an address. */
  address?: string
}

export class EgressError extends Error {
  override name = 'EgressError'
  constructor(
    readonly code: EgressErrorCode,
    message: string,
    readonly denial?: EgressDenial,
  ) {
    super(message)
  }
}

export const egressDenied = (denial: EgressDenial, message: string): EgressError =>
  new EgressError('EGRESS_DENIED', message, denial)

/**
 * The problem a plugin answers when the policy refuses a destination it was asked to store (an http tool's
 * URL, an MCP server's): one definition, which each such plugin lists in its errors.
 */
export const egressDeniedProblem = {
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
} as const satisfies ErrorDefinition
