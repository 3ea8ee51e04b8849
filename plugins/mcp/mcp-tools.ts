// How a listed MCP tool becomes a catalog tool: its name (`<server>_<tool>`, sanitised to what model APIs
// accept for a function name), its description, and its input schema adapted to the platform's rules.

/** Model APIs take function names of [A-Za-z0-9_-], at most 64 characters. */
const MAX_NAME = 64
const MAX_DESCRIPTION = 1000

export const toolNameFor = (server: string, remote: string): string =>
  `${server}_${remote.replace(/[^A-Za-z0-9_-]/g, '_')}`.slice(0, MAX_NAME)

export const descriptionFor = (
  server: string,
  tool: { name: string; title?: string; description?: string },
) =>
  (
    tool.description?.trim() ||
    tool.title?.trim() ||
    `The ${tool.name} tool of the MCP server ${server}.`
  ).slice(0, MAX_DESCRIPTION)

/** Keywords whose value is one subschema, an array of them, or a map of them. */
const oneSchema = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames',
  'unevaluatedItems', 'unevaluatedProperties', 'additionalItems'] // prettier-ignore
const schemaArrays = ['anyOf', 'oneOf', 'allOf', 'prefixItems']
const schemaMaps = ['properties', '$defs', 'definitions', 'dependentSchemas']

/**
 * The server's schema as the platform accepts it: `pattern` dropped wherever it constrains a string (a
 * tenant's regular expression would run on the shared event loop; the server checks its own input anyway),
 * and a `$schema` other than 2020-12 dropped (draft-07 schemas, as SDKs emit them, read the same for what is
 * left). Anything else the platform refuses (`patternProperties`, a remote `$ref`, over 32 KiB) refuses
 * the tool, which registration reports as skipped.
 */
export function adaptInputSchema(schema: Record<string, unknown>): Record<string, unknown> {
  const walk = (node: unknown): unknown => {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return node
    const out: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      if (key === 'pattern' && typeof value === 'string') continue
      if (oneSchema.includes(key)) out[key] = walk(value)
      else if (schemaArrays.includes(key) && Array.isArray(value)) out[key] = value.map(walk)
      else if (schemaMaps.includes(key) && value !== null && typeof value === 'object') {
        out[key] = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, walk(child)]))
      } else out[key] = value
    }
    return out
  }
  const adapted = walk(schema) as Record<string, unknown>
  if (typeof adapted.$schema === 'string' && !adapted.$schema.includes('2020-12')) delete adapted.$schema
  return adapted
}
