// What a cluster's primary and its workers say to each other over the IPC channel node:cluster opens.
// prom-client's own aggregation messages ('prom-client:*') travel on the same channel; ours are prefixed.

export type ClusterMessage =
  /** worker -> primary: its server listens (the URL; with PORT=0 every worker shares one port). */
  | { type: 'map:ready'; url: string }
  /** primary -> worker: drain and exit (the primary got SIGTERM or SIGINT). */
  | { type: 'map:stop' }
  /** primary -> worker: cut the requests still running now (the primary got a second signal). */
  | { type: 'map:cut' }
  /** worker -> primary: GET /metrics on the API port wants every worker's metrics. */
  | { type: 'map:metrics-request'; id: number }
  /** primary -> worker: the aggregated exposition, or why there is none. */
  | { type: 'map:metrics-reply'; id: number; content?: string; error?: string }

export const isClusterMessage = (message: unknown): message is ClusterMessage =>
  typeof message === 'object' &&
  message !== null &&
  typeof (message as { type?: unknown }).type === 'string' &&
  (message as { type: string }).type.startsWith('map:')
