// Local references only: `#/...` JSON pointers into the document itself. Anything else (another file, a
// URL) is refused, never fetched: nothing about an import leaves the machine. A chain of references that
// comes back to itself is refused with the chain.
import { DocumentErrors, isRecord, unescapeToken, type Json, type JsonObject } from './openapi-json.js'

export interface Located<T = Json> {
  node: T
  /** Where the node is in the document (after following its references). */
  pointer: string
}

export interface Refs {
  /** The node a `$ref` names; `at` is the pointer of the `$ref` itself, for the error. */
  target(ref: unknown, at: string): Located
  /** Follows the `$ref`s of a parameter, request body or path item to the object they end at. */
  follow(node: Json | undefined, pointer: string): Located<JsonObject | undefined>
}

const refused = (pointer: string, message: string) => new DocumentErrors([{ pointer, message }])

/** The pointer inside `#/...`, percent-decoded (a URI fragment), or a refusal saying why not. */
export function localPointer(ref: unknown, at: string): string {
  if (typeof ref !== 'string') throw refused(at, 'must be a string')
  if (!ref.startsWith('#')) {
    throw refused(
      at,
      `${ref} is not in this document: external references are not fetched; bundle the document into one file first`,
    )
  }
  if (ref !== '#' && !ref.startsWith('#/'))
    throw refused(at, `${ref}: only JSON pointers (#/...) are supported`)
  try {
    return decodeURIComponent(ref.slice(1))
  } catch {
    throw refused(at, `${ref} is not a valid URI fragment`)
  }
}

export function makeRefs(root: JsonObject): Refs {
  const target = (ref: unknown, at: string): Located => {
    const pointer = localPointer(ref, at)
    let node: Json | undefined = root
    for (const raw of pointer === '' ? [] : pointer.slice(1).split('/')) {
      const token = unescapeToken(raw)
      node = Array.isArray(node)
        ? /^(0|[1-9]\d*)$/.test(token)
          ? node[Number(token)]
          : undefined
        : isRecord(node) && Object.hasOwn(node, token)
          ? node[token]
          : undefined
      if (node === undefined)
        throw refused(at, `${pointer === '' ? '#' : `#${pointer}`} points at nothing in this document`)
    }
    return { node, pointer }
  }

  return {
    target,
    follow(node, pointer) {
      const chain: string[] = []
      let current: Located<Json | undefined> = { node, pointer }
      while (isRecord(current.node) && '$ref' in current.node) {
        const ref = current.node.$ref
        if (typeof ref !== 'string') throw refused(`${current.pointer}/$ref`, 'must be a string')
        if (chain.includes(ref)) {
          throw refused(`${current.pointer}/$ref`, `a $ref cycle: ${[...chain, ref].join(' -> ')}`)
        }
        chain.push(ref)
        current = target(ref, `${current.pointer}/$ref`)
      }
      if (current.node !== undefined && !isRecord(current.node))
        throw refused(current.pointer, 'must be an object')
      return current as Located<JsonObject | undefined>
    },
  }
}
