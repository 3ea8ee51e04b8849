// What the model sees of a tools/call answer:
// - `structuredContent`, when the server sent it, is the output as it is (a JSON object);
// - otherwise the content parts as one string: text parts as they are, a text resource's text, and for
//   what is not text a placeholder naming it (`[image image/png, 1234 bytes]`, `[audio ...]`,
//   `[resource file:///a.pdf application/pdf, 2048 bytes]`, `[resource link file:///a.txt]`), never the
//   bytes; parts joined with a blank line;
// - `isError: true` is the tool error MCP_TOOL_ERROR with that text;
// - an output over MAX_OUTPUT_BYTES of JSON is the tool error OUTPUT_TOO_LARGE.
import type { ToolResult } from '../tool-kinds/tool-kind.js'

export const MAX_OUTPUT_BYTES = 64 * 1024
const MAX_ERROR_CHARS = 2000

type Part = Record<string, unknown> & { type?: unknown }

/** A string field of a part, or the fallback (a server may send anything). */
const str = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback)

/** The decoded size of base64 data (without decoding it). */
const bytesOf = (data: unknown) =>
  typeof data === 'string' ? Math.floor((data.length * 3) / 4) - (data.match(/=+$/)?.[0].length ?? 0) : 0

function describe(part: Part): string {
  switch (part.type) {
    case 'text':
      return typeof part.text === 'string' ? part.text : ''
    case 'image':
    case 'audio':
      return `[${part.type} ${str(part.mimeType, 'unknown type')}, ${bytesOf(part.data)} bytes]`
    case 'resource_link':
      return `[resource link ${str(part.uri)}]`
    case 'resource': {
      const resource = (part.resource ?? {}) as Record<string, unknown>
      if (typeof resource.text === 'string') return resource.text
      const type = typeof resource.mimeType === 'string' ? ` ${resource.mimeType}` : ''
      return `[resource ${str(resource.uri)}${type}, ${bytesOf(resource.blob)} bytes]`
    }
    default:
      return `[${typeof part.type === 'string' ? part.type.slice(0, 50) : 'unknown'} content]`
  }
}

export function toToolResult(answer: Record<string, unknown>): ToolResult {
  const parts = Array.isArray(answer.content) ? (answer.content as Part[]) : []
  const text = parts.map(describe).join('\n\n')
  if (answer.isError === true) {
    return {
      error: { code: 'MCP_TOOL_ERROR', message: (text || 'the tool failed').slice(0, MAX_ERROR_CHARS) },
    }
  }
  const structured = answer.structuredContent
  const output = structured !== null && typeof structured === 'object' ? structured : text
  if (Buffer.byteLength(JSON.stringify(output)) > MAX_OUTPUT_BYTES) {
    return {
      error: {
        code: 'OUTPUT_TOO_LARGE',
        message: `the tool's output is over ${MAX_OUTPUT_BYTES} bytes of JSON`,
      },
    }
  }
  return { output }
}
