// What test/contract/dredd.test.ts hands its Dredd hooks (test/contract/dredd-hooks.cts) in
// configuration.custom.plan.

export interface DreddCall {
  path?: string
  body?: unknown
  headers?: Record<string, string>
}

/** What the test hands over: credentials, and the concrete call per "METHOD /path/{template} STATUS CONTENT-TYPE". */
export interface DreddPlan {
  apiKey: string
  adminToken: string
  metricsToken: string
  /** By "METHOD /template", or more precisely "METHOD /template STATUS MEDIA-TYPE" (which wins). */
  calls: Record<string, DreddCall>
  /** By "METHOD /template STATUS": headers openapi.yaml declares but does not require (Dredd expects all). */
  optionalHeaders: Record<string, string[]>
  /**
   * By "METHOD /template STATUS" (or "... STATUS MEDIA-TYPE", for one media type of a response that has
   * several): why Dredd's body check is wrong there. From OpenAPI 3 Dredd checks no
   * schema: it generates an example with every property and requires each one (its inferred schema), so
   * a response whose schema has optional properties fails on a correct body. Those are checked against
   * the real schema by the contract guard and test/kernel/spec-examples.test.ts instead.
   */
  bodyNotChecked: Record<string, string>
}
