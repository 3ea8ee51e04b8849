// Conditional requests (RFC 9110, section 13) for versioned resources: the ETag a representation
// carries, and what If-Match and If-None-Match ask of it. The spec's IfMatch and IfNoneMatch parameters
// have already refused malformed values (400), so these parse only well-formed lists.
import type { IncomingHttpHeaders } from 'node:http'
import { appError, type DomainError } from '../errors/domain-errors.js'

/**
 * The strong ETag of version `version` of the resource `id`. Clients treat it as opaque: it names this
 * resource's representation at this version, and no other resource's.
 */
export const entityTag = (id: string, version: number): string => `"${id}-v${version}"`

/** A representation with the ETag of the version it shows. */
export interface Tagged<T> {
  body: T
  etag: string
}

/** Versions are PostgreSQL integers. */
const maxVersion = 2 ** 31 - 1

interface ListedTag {
  weak: boolean
  tag: string
}

/** The entity tags of a header value, or '*' (undefined when the header is absent). */
function listedTags(value: string | undefined): '*' | ListedTag[] | undefined {
  if (value === undefined) return undefined
  if (value.trim() === '*') return '*'
  return [...value.matchAll(/(W\/)?("[^"]*")/g)].map((match) => ({
    weak: match[1] !== undefined,
    tag: match[2]!,
  }))
}

/**
 * The versions of resource `id` that a PUT, PATCH or DELETE may change, per its If-Match: undefined when
 * any version will do (no If-Match, or `*`: the resource must only exist, which the write finds out).
 * Comparison is strong: a weak tag, or a tag of another resource, matches no version (an empty list).
 */
export function ifMatchVersions(headers: IncomingHttpHeaders, id: string): number[] | undefined {
  const tags = listedTags(headers['if-match'])
  if (tags === undefined || tags === '*') return undefined
  const prefix = `"${id}-v`
  return tags
    .filter(({ weak, tag }) => !weak && tag.startsWith(prefix))
    .map(({ tag }) => tag.slice(prefix.length, -1))
    .filter((version) => /^[1-9][0-9]{0,9}$/.test(version))
    .map(Number)
    .filter((version) => version <= maxVersion)
}

/** Whether a GET's If-None-Match names the current ETag (weak comparison, `*` for any): answer 304. */
export function noneMatchFails(headers: IncomingHttpHeaders, currentEtag: string): boolean {
  const tags = listedTags(headers['if-none-match'])
  if (tags === undefined) return false
  return tags === '*' || tags.some(({ tag }) => tag === currentEtag)
}

/** A conditional write found the resource at another version than the one If-Match named. */
export const preconditionFailed = (currentEtag: string): DomainError =>
  appError(
    'PRECONDITION_FAILED',
    'The resource has changed since the version If-Match names; GET it again and reapply the change.',
    { current_etag: currentEtag },
  )
