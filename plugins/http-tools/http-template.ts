// Templates: `{param}` in the URL's path and query, in header and query values, and in the body mapping,
// filled from the tool's input. The URL's scheme and authority never hold a placeholder (checked when the
// tool is stored), values are percent-encoded into the path and query, and the host is compared again after
// filling: an input can never change where the request goes.

const placeholder = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g
/** `{name?}`: a whole query or header value, or a whole body string, left out when the input lacks name. */
const optionalWhole = /^\{([A-Za-z_][A-Za-z0-9_]*)\?\}$/
const optionalAnywhere = /\{[A-Za-z_][A-Za-z0-9_]*\?\}/

/** The parameter names a template uses. */
export const paramsOf = (template: string): string[] => [...template.matchAll(placeholder)].map((m) => m[1]!)

/** scheme://authority, and the rest (path, query, fragment), of a URL template. */
export function splitUrlTemplate(template: string): { origin: string; rest: string } | undefined {
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*)(.*)$/s.exec(template)
  return match ? { origin: match[1]!, rest: match[2]! } : undefined
}

export class TemplateInputError extends Error {}

/** The name of a template that is exactly `{name?}` (an optional value), else undefined. */
export const optionalParamOf = (template: string): string | undefined => optionalWhole.exec(template)?.[1]

/** `{name?}` somewhere other than a whole value (refused when the tool is stored). */
export const misplacedOptional = (template: string): boolean =>
  optionalAnywhere.test(template) && !optionalWhole.test(template)

/** The optional parameters (`{name?}`) of a set of templates. */
export const optionalParamsOf = (templates: Iterable<string>): string[] => [
  ...new Set([...templates].flatMap((template) => optionalParamOf(template) ?? [])),
]

/** An optional value the input does not give: absent or null. */
const absent = (input: Record<string, unknown>, name: string): boolean =>
  input[name] === undefined || input[name] === null

/** A scalar input value as text; anything else (missing, object, array, null) is the input's fault. */
function scalar(input: Record<string, unknown>, name: string): string {
  const value = input[name]
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  throw new TemplateInputError(
    value === undefined
      ? `input.${name} is required by the tool's template`
      : `input.${name} must be a string, number or boolean`,
  )
}

/**
 * `{{secrets.NAME}}`: the secrets plugin's reference syntax (its secretNamePattern), which the API documents
 * for header and query values. Parsed here too, since a tool is checked where no service is at hand.
 */
const secretReference = /\{\{secrets\.([A-Za-z_][A-Za-z0-9_-]{0,63})\}\}/g

/** Each secret reference in a value, in order (repeats included). */
export const secretReferencesIn = (value: string): string[] =>
  [...value.matchAll(secretReference)].map((m) => m[1]!)

/** `{param}` from the input, or `{{secrets.NAME}}` from the secrets, in one pass: no value is read as a template. */
const placeholderOrSecret = /\{\{secrets\.([A-Za-z_][A-Za-z0-9_-]{0,63})\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}/g

export const fill = (
  template: string,
  input: Record<string, unknown>,
  encode: (s: string) => string,
  secrets: ReadonlyMap<string, string> = new Map(),
): string =>
  template.replace(placeholderOrSecret, (match, secret: string | undefined, name: string | undefined) => {
    if (secret === undefined) return encode(scalar(input, name!))
    const value = secrets.get(secret)
    // Resolved before the call for every reference a stored header or query value holds.
    if (value === undefined) throw new Error(`secret ${secret} was not resolved`)
    return value
  })

/** The URL with its path and query filled (percent-encoded); throws when the host would differ. */
export function fillUrl(template: string, input: Record<string, unknown>): URL {
  const { origin, rest } = splitUrlTemplate(template)!
  const url = new URL(origin + fill(rest, input, encodeURIComponent))
  if (url.host !== new URL(origin).host || url.protocol !== new URL(origin).protocol) {
    throw new TemplateInputError("the input would change the URL's host")
  }
  return url
}

/** A header value: refused when the input would add a line (CR, LF) or a NUL. */
export function fillHeader(
  template: string,
  input: Record<string, unknown>,
  secrets?: ReadonlyMap<string, string>,
): string {
  const value = fill(template, input, (s) => s, secrets)
  if (/[\r\n\0]/.test(value)) throw new TemplateInputError('a header value may not hold CR, LF or NUL')
  return value
}

/** A query or header value; undefined when it is `{name?}` and the input has no name (left out). */
export function fillOptionalHeader(
  template: string,
  input: Record<string, unknown>,
  secrets?: ReadonlyMap<string, string>,
): string | undefined {
  const optional = optionalParamOf(template)
  if (optional === undefined) return fillHeader(template, input, secrets)
  return absent(input, optional) ? undefined : fillHeader(`{${optional}}`, input)
}

/** What fillBody answers for a `{name?}` the input does not give: the member, item or body is left out. */
export const OMITTED: unique symbol = Symbol('omitted')

/**
 * The body mapping: a string that is exactly "{param}" becomes the input's value as it is (any JSON);
 * exactly "{param?}" likewise, or is left out (OMITTED: no member, no item, or no body at all) when the
 * input has none; other strings are filled as text; objects and arrays are mapped through; other values stay.
 */
export function fillBody(mapping: unknown, input: Record<string, unknown>): unknown {
  if (typeof mapping === 'string') {
    const optional = optionalParamOf(mapping)
    if (optional !== undefined) return absent(input, optional) ? OMITTED : input[optional]
    const whole = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(mapping)
    if (whole) {
      if (!(whole[1]! in input))
        throw new TemplateInputError(`input.${whole[1]} is required by the tool's body`)
      return input[whole[1]!]
    }
    return fill(mapping, input, (s) => s)
  }
  if (Array.isArray(mapping))
    return mapping.map((item) => fillBody(item, input)).filter((item) => item !== OMITTED)
  if (mapping !== null && typeof mapping === 'object') {
    return Object.fromEntries(
      Object.entries(mapping)
        .map(([key, value]) => [key, fillBody(value, input)])
        .filter(([, value]) => value !== OMITTED),
    )
  }
  return mapping
}

/** Every string in a JSON value, with its JSON pointer below `at`. */
export function* stringsIn(value: unknown, at: string): Generator<[string, string]> {
  if (typeof value === 'string') yield [at, value]
  else if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* stringsIn(item, `${at}/${i}`)
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      yield* stringsIn(item, `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`)
    }
  }
}
