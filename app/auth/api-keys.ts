// API keys: a recognisable prefix (so leaked keys can be found by secret scanners) and 256 random bits.
// Only the SHA-256 of the whole key is stored; the key itself is shown once, at creation.
import { createHash, randomBytes } from 'node:crypto'

export const apiKeyPrefix = 'map_'
/** Longer values cannot be keys; they are refused without a database round trip. */
export const maxApiKeyLength = 200

export const generateApiKey = (): string => apiKeyPrefix + randomBytes(32).toString('base64url')

export const hashApiKey = (key: string): Buffer => createHash('sha256').update(key, 'utf8').digest()

/** What may be shown about a key after creation: its prefix and first characters. */
export const displayPrefix = (key: string): string => key.slice(0, apiKeyPrefix.length + 6)
