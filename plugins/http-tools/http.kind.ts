// The http kind: {"kind": "http", "http": {method, url, headers, query, body, timeout_ms,
// max_response_bytes, allowed_hosts}}. A call fills the templates from the input and sends one request
// through the platform's egress module (the egress plugin's `egress`, handed over by the registry with each
// preparation and call), whose refusals, timeouts and failures are the tool's error result.
import { EgressError } from '../egress/egress.js'
import type { ToolKind, ToolResult } from '../tool-kinds/tool-kind.js'
import { paramsOfConfig, readHttpConfig, type HttpConfig } from './http-config.js'
import { toToolResult } from './http-response.js'
import { resolveSecrets, secretNamesOf } from './http-secrets.js'
import { fillBody, fillOptionalHeader, fillUrl, OMITTED, TemplateInputError } from './http-template.js'

const error = (code: string, message: string): ToolResult => ({ error: { code, message } })

export const httpKind: ToolKind = {
  kind: 'http',
  fields: ['http'],
  executable: true,

  // The stored config is {http: {...}}, defaults applied.
  prepare: (fields, { egress }) => Promise.resolve({ http: readHttpConfig(fields, egress) }),

  async execute({ input, config, signal, egress, ...call }) {
    const http = (config as unknown as { http: HttpConfig }).http
    const values = (input ?? {}) as Record<string, unknown>
    const resolved = await resolveSecrets(secretNamesOf(http), call)
    if ('error' in resolved) return resolved.error
    const { secrets } = resolved
    // Whatever comes back, with the values put into the request scrubbed out.
    const scrub = (result: ToolResult): ToolResult => (secrets ? secrets.redact(result) : result)
    let url: URL
    const headers: Record<string, string> = {}
    let body: string | undefined
    try {
      url = fillUrl(http.url, values)
      // A `{name?}` value the input does not give is left out: no parameter, no header, no body.
      for (const [name, template] of Object.entries(http.query)) {
        const value = fillOptionalHeader(template, values, secrets)
        if (value !== undefined) url.searchParams.append(name, value)
      }
      for (const [name, template] of Object.entries(http.headers)) {
        const value = fillOptionalHeader(template, values, secrets)
        if (value !== undefined) headers[name] = value
      }
      const filled = http.body === undefined ? OMITTED : fillBody(http.body, values)
      if (filled !== OMITTED) {
        body = JSON.stringify(filled)
        if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
          headers['content-type'] = 'application/json'
        }
      }
    } catch (problem) {
      if (problem instanceof TemplateInputError) return error('INVALID_INPUT', problem.message)
      throw problem
    }
    try {
      const response = await egress.request({
        url,
        method: http.method,
        headers,
        body,
        timeoutMs: http.timeout_ms,
        maxResponseBytes: http.max_response_bytes,
        signal,
        allowedHosts: http.allowed_hosts,
      })
      return scrub(toToolResult(response))
    } catch (problem) {
      if (problem instanceof EgressError) return scrub(error(problem.code, problem.message))
      throw problem
    }
  },

  defaultInputSchema(config) {
    const params = paramsOfConfig((config as unknown as { http: HttpConfig }).http)
    return params.length > 0 ? { type: 'object', required: params } : { type: 'object' }
  },
}
