// Why an outbound request did not happen or did not finish. A value the caller turns into what its own
// callers see (an http tool returns it as the tool's error result); never thrown past the platform's edge.
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
