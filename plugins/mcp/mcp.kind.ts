// The mcp kind: a tool materialised from an MCP server's tools/list. Its config is
// {"mcp": {server_id, url, headers, tool}}: where the server is, the headers (secret references verbatim,
// so DELETE /api/v1/secrets/{name} finds the tool as a dependent), and the tool's name on the server.
// Only this plugin makes such tools (POST /api/v1/mcp-servers, refresh): prepare accepts a binding only if
// this module minted it, which a JSON request body never is, so /api/v1/tools cannot create or redefine one.
import { appError } from '../../app/plugin-kit.js'
import type { ToolKind, ToolResult } from '../tool-kinds/tool-kind.js'
import { McpFailure, withMcpClient } from './mcp-client.js'
import { toToolResult } from './mcp-result.js'
import { redact, resolveHeaders, SecretsProblem, type Secrets } from './mcp-secrets.js'

export interface McpBinding {
  server_id: string
  url: string
  headers: Record<string, string>
  /** The tool's name on the server. */
  tool: string
}

const minted = new WeakSet<object>()

/** A binding prepare() accepts: made here, from a server this plugin stored. */
export function mintBinding(binding: McpBinding): McpBinding {
  const copy = { ...binding, headers: { ...binding.headers } }
  minted.add(copy)
  return copy
}

const error = (code: string, message: string): ToolResult => ({ error: { code, message } })

/** Calls go through the egress plugin's `egress`, which the registry hands over with each call. */
export const mcpKind: ToolKind = {
  kind: 'mcp',
  fields: ['mcp'],
  executable: true,

  prepare(fields) {
    const binding = fields.mcp
    if (binding === null || typeof binding !== 'object' || !minted.has(binding)) {
      throw appError(
        'INVALID_TOOL_CONFIG',
        '/mcp: tools of kind mcp are made by registering an MCP server (POST /api/v1/mcp-servers)',
        {
          errors: [
            {
              pointer: '/kind',
              message: 'tools of kind mcp are made by registering an MCP server (POST /api/v1/mcp-servers)',
            },
          ],
        },
      )
    }
    return Promise.resolve({ mcp: { ...(binding as McpBinding) } })
  },

  async execute({ input, config, signal, egress, toolId, executionId, inTransaction }) {
    const binding = (config as unknown as { mcp: McpBinding }).mcp
    let secrets: Secrets | undefined
    try {
      const resolved = await resolveHeaders(binding.headers, {
        toolId,
        executionId: executionId ?? null,
        inTransaction,
      })
      secrets = resolved.secrets
      const answer = await withMcpClient(
        egress,
        { url: binding.url, headers: resolved.headers },
        signal,
        (client, options) =>
          client.callTool(
            { name: binding.tool, arguments: (input ?? {}) as Record<string, unknown> },
            undefined,
            options,
          ),
      )
      return redact(toToolResult(answer as Record<string, unknown>), secrets)
    } catch (problem) {
      if (problem instanceof SecretsProblem) return error(problem.code, problem.message)
      if (problem instanceof McpFailure) {
        const code =
          problem.reason === 'HTTP_ERROR' || problem.reason === 'CONNECTION_FAILED'
            ? 'MCP_UNREACHABLE'
            : problem.reason === 'PROTOCOL_ERROR'
              ? 'MCP_PROTOCOL_ERROR'
              : problem.reason
        return redact(error(code, problem.message), secrets)
      }
      throw problem
    }
  },
}
