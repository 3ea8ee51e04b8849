// The package a listing version is: the publisher's agent and its tools, as they were when the version was
// made, in the shape the catalog creates them from (a tool is a POST /api/v1/tools body), so installing it
// is creating each tool and then the agent. Secrets stay references (`{{secrets.NAME}}` in an http tool's
// fields); no value ever enters a package. Its identity is the SHA-256 of its canonical JSON (RFC 8785, the
// `canonicalize` package): the same package always hashes the same, whatever the key order.
import { createHash } from 'node:crypto'
import canonicalize from 'canonicalize'

export const packageFormat = 'mini-agent-platform/agent-package@1'

/** A tool as the catalog creates it (ToolInput in openapi.yaml): the fields of its kind only. */
export interface PackagedTool {
  name: string
  description: string
  kind: string
  input_schema: Record<string, unknown>
  builtin?: string
  code?: string
  timeout_ms?: number
  http?: Record<string, unknown>
}

export interface AgentPackage {
  format: typeof packageFormat
  agent: { name: string; role: string; description: string }
  /** In name order, so the same agent always packages the same. */
  tools: PackagedTool[]
}

/** The canonical JSON text of a package (what is hashed, signed and served). */
export function canonicalPackage(pkg: AgentPackage): string {
  const text = canonicalize(pkg)
  if (text === undefined) throw new Error('a package must be JSON')
  return text
}

/** The package's identity: the hex SHA-256 of its canonical JSON (the download's ETag). */
export const packageSha256 = (pkg: AgentPackage): string =>
  createHash('sha256').update(canonicalPackage(pkg)).digest('hex')
