// The static scan of a package's javascript tools: code another tenant will install must be small and
// free of constructs a template has no business using. The sandbox stays the boundary (it runs whatever
// passes); the scan keeps obvious escape attempts, dynamic code and runaway loops out of the marketplace.
// The code is parsed (acorn), so words inside strings and comments never count.
import { parse, type Node } from 'acorn'
import { checkOf, type Failure } from './publish.checks.js'
import type { AgentPackage } from './marketplace.package.js'
import type { VersionCheck } from './publish.versions.repo.js'

/** Half the sandbox's own limit: a template is code people read before they install it. */
export const MAX_PACKAGED_CODE_BYTES = 32 * 1024

/** Names whose mere use is refused: dynamic code, the host's globals, shared memory. */
const forbiddenNames: Record<string, string> = {
  eval: 'eval runs code made at run time',
  Function: 'the Function constructor runs code made at run time',
  globalThis: 'reaching the global object',
  require: 'there are no modules to require',
  process: 'there is no process to reach',
  WebAssembly: 'WebAssembly is not for templates',
  SharedArrayBuffer: 'shared memory is not for templates',
  Atomics: 'shared memory is not for templates',
}

/** Properties whose access is a known path out of a sandbox (a function's constructor is Function). */
const forbiddenProperties: Record<string, string> = {
  constructor: "reaching a value's constructor (a function's is Function)",
  __proto__: 'rewriting prototypes',
  __defineGetter__: 'rewriting prototypes',
  __defineSetter__: 'rewriting prototypes',
}

interface AnyNode extends Node {
  [key: string]: unknown
}

const isNode = (value: unknown): value is AnyNode =>
  typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'

function children(node: AnyNode): AnyNode[] {
  const found: AnyNode[] = []
  for (const [key, value] of Object.entries(node)) {
    if (key === 'loc') continue
    if (Array.isArray(value)) found.push(...value.filter(isNode))
    else if (isNode(value)) found.push(value)
  }
  return found
}

/** A loop whose condition is absent or a constant truthy literal. */
const endless = (node: AnyNode): boolean => {
  if (node.type === 'ForStatement') return node.test === null
  if (node.type !== 'WhileStatement' && node.type !== 'DoWhileStatement') return false
  const test = node.test as AnyNode
  return test.type === 'Literal' && Boolean(test.value)
}

/** Does anything inside leave the loop (break, return, throw)? Nested functions do not count. */
function leaves(node: AnyNode): boolean {
  return children(node).some((child) => {
    if (/Function/.test(child.type)) return false
    if (['BreakStatement', 'ReturnStatement', 'ThrowStatement'].includes(child.type)) return true
    return leaves(child)
  })
}

const propertyName = (node: AnyNode): string | undefined => {
  const property = node.property as AnyNode
  if (!node.computed && property.type === 'Identifier') return property.name as string
  if (property.type === 'Literal' && typeof property.value === 'string') return property.value
  return undefined
}

/** The forbidden constructs of one module, each with where it is (1-based line and column). */
export function scanCode(code: string): { rule: string; message: string; line?: number; column?: number }[] {
  if (Buffer.byteLength(code) > MAX_PACKAGED_CODE_BYTES) {
    return [{ rule: 'size', message: `the code is longer than ${MAX_PACKAGED_CODE_BYTES} bytes` }]
  }
  let program: AnyNode
  try {
    program = parse(code, {
      ecmaVersion: 'latest',
      sourceType: 'module',
      locations: true,
    }) as unknown as AnyNode
  } catch (error) {
    return [{ rule: 'parse', message: `the code does not parse: ${(error as Error).message}` }]
  }
  const found: { rule: string; message: string; line?: number; column?: number }[] = []
  const at = (node: AnyNode, rule: string, message: string) =>
    found.push({ rule, message, line: node.loc!.start.line, column: node.loc!.start.column + 1 })
  const visit = (node: AnyNode): void => {
    if (node.type === 'Identifier' && Object.hasOwn(forbiddenNames, node.name as string)) {
      at(node, 'forbidden_name', `${node.name as string}: ${forbiddenNames[node.name as string]}`)
    } else if (node.type === 'MemberExpression') {
      const name = propertyName(node)
      if (name !== undefined && Object.hasOwn(forbiddenProperties, name))
        at(node, 'forbidden_property', `.${name}: ${forbiddenProperties[name]}`)
    } else if (node.type === 'ImportExpression' || node.type === 'ImportDeclaration') {
      at(node, 'import', 'a template is one module: it imports nothing')
    } else if (node.type === 'DebuggerStatement') {
      at(node, 'debugger', 'a debugger statement')
    } else if (endless(node) && !leaves(node.body as AnyNode)) {
      at(node, 'endless_loop', 'a loop that never ends: nothing in it breaks, returns or throws')
    }
    // An object literal's key (`{ constructor: 1 }`) or a declared name is not a use of the global.
    for (const child of children(node)) {
      if (node.type === 'MemberExpression' && child === node.property && !node.computed) continue
      if (node.type === 'Property' && child === node.key && !node.computed) continue
      visit(child)
    }
  }
  visit(program)
  return found
}

/** Every javascript tool of the package passes the scan. */
export function javascriptScanCheck(pkg: AgentPackage): VersionCheck {
  const failures: Failure[] = []
  const tools = pkg.tools.filter((tool) => tool.kind === 'javascript')
  for (const tool of tools) {
    const code = typeof tool.code === 'string' ? tool.code : ''
    for (const problem of scanCode(code)) failures.push({ tool: tool.name, ...problem })
  }
  const passed = tools.length === 0 ? 'No javascript tools' : 'Every javascript tool passes the static scan'
  return checkOf('javascript_scan', failures, passed, 'Forbidden constructs in javascript tools')
}
