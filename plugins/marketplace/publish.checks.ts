// The checks of a package that ask the platform's own rules: the tool-kinds registry (kinds and their
// fields, input schemas, javascript compiled in the sandbox) and the egress policy (http URLs). Each check
// is one report entry; what fails is listed in details.failures, by tool. A problem of the platform itself
// (the sandbox unavailable) is thrown instead: the job is retried, the version is not judged by it.
import { DomainError } from '../../app/plugin-kit.js'
import { EgressError, type Egress } from '../egress/egress.js'
import type { ToolKindsRegistry } from '../tool-kinds/tool-kinds.registry.js'
import type { AgentPackage, PackagedTool } from './marketplace.package.js'
import { packageableKinds } from './publish.snapshot.js'
import type { VersionCheck } from './publish.versions.repo.js'

export interface Failure {
  tool?: string
  message: string
  [detail: string]: unknown
}

/** One report entry: passed when nothing failed. */
export function checkOf(
  check: string,
  failures: Failure[],
  passedMessage: string,
  failedMessage: string,
): VersionCheck {
  return failures.length === 0
    ? { check, passed: true, message: passedMessage }
    : { check, passed: false, message: `${failedMessage}: ${describe(failures)}`, details: { failures } }
}

const describe = (failures: Failure[]): string =>
  failures.map((f) => (f.tool ? `${f.tool}: ${f.message}` : f.message)).join('; ')

/** The tool's kind fields (what the catalog stores as its config). */
export const kindFields = ({
  name: _name,
  description: _description,
  kind: _kind,
  input_schema: _schema,
  ...fields
}: PackagedTool): Record<string, unknown> => fields

/** A refusal of the registry's as a failure; anything else (the platform failing) is rethrown. */
function refusal(tool: PackagedTool, error: unknown, codes: readonly string[]): Failure {
  if (!(error instanceof DomainError) || !codes.includes(error.code)) throw error
  return { tool: tool.name, message: error.message, code: error.code, ...error.details }
}

/** Every tool's kind is one a package holds and this platform has; its fields are what that kind accepts. */
export async function toolKindsCheck(pkg: AgentPackage, kinds: ToolKindsRegistry): Promise<VersionCheck> {
  const failures: Failure[] = []
  for (const tool of pkg.tools) {
    if (!(packageableKinds as readonly string[]).includes(tool.kind) || !kinds.get(tool.kind)) {
      failures.push({
        tool: tool.name,
        message: `kind ${tool.kind} cannot be installed from a package (${packageableKinds.join(', ')})`,
      })
      continue
    }
    // javascript has its own check (it compiles the code); an http URL the policy refuses, too.
    if (tool.kind === 'javascript') continue
    try {
      await kinds.prepareTool({ kind: tool.kind, ...kindFields(tool) })
    } catch (error) {
      if (error instanceof DomainError && error.code === 'EGRESS_DENIED') continue
      failures.push(refusal(tool, error, ['INVALID_TOOL_CONFIG']))
    }
  }
  return checkOf(
    'tool_kinds',
    failures,
    'Every tool is of a known kind',
    'Tools of kinds a package cannot hold',
  )
}

/** Every input_schema follows the registry's rules (meta-schema, object type, no pattern, size, ...). */
export async function inputSchemasCheck(pkg: AgentPackage, kinds: ToolKindsRegistry): Promise<VersionCheck> {
  const failures: Failure[] = []
  for (const tool of pkg.tools) {
    try {
      // A client tool has no fields of its own: preparing one checks the input schema and nothing else.
      await kinds.prepareTool({ kind: 'client', input_schema: tool.input_schema })
    } catch (error) {
      failures.push(refusal(tool, error, ['INVALID_INPUT_SCHEMA']))
    }
  }
  return checkOf('input_schemas', failures, 'Every input schema is valid', 'Invalid input schemas')
}

/** Every javascript tool's module evaluates in the sandbox and default-exports a function. */
export async function javascriptCompilesCheck(
  pkg: AgentPackage,
  kinds: ToolKindsRegistry,
): Promise<VersionCheck> {
  const failures: Failure[] = []
  const tools = pkg.tools.filter((tool) => tool.kind === 'javascript')
  for (const tool of tools) {
    try {
      await kinds.prepareTool({ kind: 'javascript', ...kindFields(tool) })
    } catch (error) {
      failures.push(refusal(tool, error, ['CODE_DOES_NOT_COMPILE', 'INVALID_TOOL_CONFIG']))
    }
  }
  const passed = tools.length === 0 ? 'No javascript tools' : 'Every javascript tool compiles'
  return checkOf('javascript_compiles', failures, passed, 'Javascript that does not compile')
}

/** The origin of a URL template (`https://host:port`), which holds no {param}. */
const originOf = (url: string): string | undefined => /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(url)?.[0]

/**
 * Every http tool's URL passes the operator's egress policy as it is now: scheme, host name, literal
 * addresses, the tool's allowed_hosts. Names are not resolved here (the call checks each address).
 */
export function httpEgressCheck(pkg: AgentPackage, egress: Egress): VersionCheck {
  const failures: Failure[] = []
  const tools = pkg.tools.filter((tool) => tool.kind === 'http')
  for (const tool of tools) {
    const http = (tool.http ?? {}) as { url?: unknown; allowed_hosts?: string[] }
    const origin = typeof http.url === 'string' ? originOf(http.url) : undefined
    try {
      if (!origin) throw new Error('no absolute URL')
      const { host, literal } = egress.policy.checkUrl(new URL(origin), http.allowed_hosts)
      if (literal) egress.policy.checkAddress(host, host)
    } catch (error) {
      if (error instanceof EgressError && error.denial) {
        failures.push({ tool: tool.name, message: error.message, ...error.denial })
      } else if (!(error instanceof EgressError)) {
        failures.push({ tool: tool.name, message: 'the URL is not an absolute http(s) URL' })
      } else throw error
    }
  }
  const passed = tools.length === 0 ? 'No http tools' : 'Every http URL passes the egress policy'
  return checkOf('http_egress', failures, passed, 'URLs the egress policy refuses')
}
