// The publishing side's error codes (listings, versions, yank, the package download and its signature).
import { detailsObject, type ErrorDefinition } from '../../app/plugin-kit.js'

const slug = { $ref: '#/components/schemas/ListingSlug' }
const version = { $ref: '#/components/schemas/SemanticVersion' }

export const publishErrors = {
  /** No listing with this slug that the caller can see (another tenant's draft is not seen). */
  MARKETPLACE_LISTING_NOT_FOUND: {
    status: 404,
    kind: 'not_found',
    title: 'Listing not found',
    details: detailsObject({ slug }),
  },
  /** No version of that listing the caller can see, or (package) none that is published. */
  MARKETPLACE_VERSION_NOT_FOUND: {
    status: 404,
    kind: 'not_found',
    title: 'Listing version not found',
    details: detailsObject({ slug, version }),
  },
  /** Slugs are unique across tenants (drafts included). */
  MARKETPLACE_SLUG_TAKEN: {
    status: 409,
    kind: 'conflict',
    title: 'The slug is taken',
    details: detailsObject({ slug }),
  },
  /** A slug that names a route of the marketplace itself (`mine`). */
  MARKETPLACE_SLUG_RESERVED: {
    status: 422,
    kind: 'input',
    title: 'The slug is reserved',
    details: detailsObject({ slug }),
  },
  /** A published listing of another tenant: every tenant reads it, only its publisher writes it. */
  MARKETPLACE_NOT_PUBLISHER: {
    status: 403,
    kind: 'forbidden',
    title: 'Only its publisher may change this listing',
    details: detailsObject({ slug }),
  },
  /** DELETE of a listing with a published version (yank versions instead). */
  MARKETPLACE_LISTING_PUBLISHED: {
    status: 409,
    kind: 'conflict',
    title: 'A published listing cannot be deleted',
    details: detailsObject({ slug }),
  },
  /** The version is not greater than every version the listing has (any status). */
  MARKETPLACE_VERSION_NOT_GREATER: {
    status: 409,
    kind: 'conflict',
    title: 'The version must be greater than the last',
    details: detailsObject({ version, latest: version }),
  },
  /** agent_id names no agent of the publisher. */
  MARKETPLACE_UNKNOWN_AGENT: {
    status: 422,
    kind: 'input',
    title: 'Unknown agent id',
    details: detailsObject({ agent_id: { $ref: '#/components/schemas/Uuid' } }),
  },
  /** The agent has tools of a kind a package cannot hold (mcp: they name the publisher's own server). */
  MARKETPLACE_UNPACKAGEABLE_TOOLS: {
    status: 422,
    kind: 'input',
    title: 'The agent has tools a package cannot hold',
    details: detailsObject({
      tools: {
        type: 'array',
        items: detailsObject({ name: { type: 'string' }, kind: { type: 'string' } }),
      },
      packageable_kinds: { type: 'array', items: { type: 'string' } },
    }),
  },
  /** Yank of a version that is validating or rejected: there is nothing installable to withdraw. */
  MARKETPLACE_VERSION_NOT_PUBLISHED: {
    status: 409,
    kind: 'conflict',
    title: 'The version is not published',
    details: detailsObject({
      slug,
      version,
      status: { type: 'string', enum: ['validating', 'rejected'] },
    }),
  },
  /** The version was yanked: installs made keep working, new downloads and installs are refused. */
  MARKETPLACE_VERSION_YANKED: {
    status: 410,
    kind: 'not_found',
    title: 'The version was yanked',
    details: detailsObject({ slug, version }),
  },
  /** No signing key: MARKETPLACE_SIGNING_KEY is unset outside the embedded default. */
  MARKETPLACE_SIGNING_KEY_UNAVAILABLE: {
    status: 503,
    kind: 'unavailable',
    title: 'Packages cannot be signed now',
    details: detailsObject({ reason: { type: 'string', enum: ['no_signing_key'] } }),
  },
} as const satisfies Record<string, ErrorDefinition>

declare module '../../app/plugin-kit.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges the codes into ErrorCodes
  interface ErrorCodes extends Record<keyof typeof publishErrors, ErrorDefinition> {}
}
