// No secret-looking value in what is published: every string of the package (the agent, each tool's
// description, code, http template, input schema) and of the example prompts. A secret *reference*
// (`{{secrets.NAME}}`) is how a template asks for a credential, so references are taken out first.
// Two tests: the known prefixes of common credentials, and Shannon entropy for long random-looking tokens.
// Findings name where (a JSON pointer) and which rule; never the value, not even in part.
import { checkOf, type Failure } from './publish.checks.js'
import type { AgentPackage } from './marketplace.package.js'
import type { VersionCheck } from './publish.versions.repo.js'

/** Credentials recognisable by their shape (the providers' documented prefixes). */
const knownPrefixes: [rule: string, pattern: RegExp][] = [
  ['private_key', /-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----/],
  ['aws_access_key_id', /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/],
  ['github_token', /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}/],
  ['github_token', /\bgithub_pat_[A-Za-z0-9_]{30,}/],
  ['gitlab_token', /\bglpat-[A-Za-z0-9_-]{20,}/],
  ['slack_token', /\bxox[abposr]-[A-Za-z0-9-]{10,}/],
  ['stripe_key', /\b[rs]k_(?:live|test)_[A-Za-z0-9]{16,}/],
  // OpenAI and Anthropic keys (sk-..., sk-proj-..., sk-ant-...).
  ['api_key_sk', /\bsk-[A-Za-z0-9_-]{20,}/],
  ['google_api_key', /\bAIza[0-9A-Za-z_-]{35}/],
  ['jwt', /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/],
]

const reference = /\{\{secrets\.[A-Za-z_][A-Za-z0-9_-]{0,63}\}\}/g

/** Bits per character of the text's own character frequencies. */
export function shannonEntropy(text: string): number {
  const counts = new Map<string, number>()
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1)
  let bits = 0
  for (const count of counts.values()) {
    const p = count / text.length
    bits -= p * Math.log2(p)
  }
  return bits
}

export const MIN_TOKEN_LENGTH = 20
/**
 * A token is random-looking when its entropy is at least this share of the most its length and alphabet
 * allow (log2 of the smaller of its length and its alphabet: 16 for hex, 64 otherwise). Random tokens
 * measure 0.85 and more (a few short ones less: the check is a net, not a proof).
 */
export const RANDOMNESS_THRESHOLD = 0.8

/** A long token of letters and digits (mixed), random enough to be a key rather than a word. */
export function looksRandom(token: string): boolean {
  if (token.length < MIN_TOKEN_LENGTH || !/\d/.test(token) || !/[A-Za-z]/.test(token)) return false
  // Words (camelCase identifiers, prose run together) are not keys, however varied their letters.
  const wordy = (token.match(/[A-Z]?[a-z]{3,}/g) ?? []).join('').length / token.length
  if (wordy >= 0.5) return false
  const alphabet = /^[0-9a-fA-F]+$/.test(token) ? 16 : 64
  return shannonEntropy(token) >= RANDOMNESS_THRESHOLD * Math.log2(Math.min(token.length, alphabet))
}

/** The rules a text breaks (each once), references removed first. */
export function secretFindings(text: string): string[] {
  const plain = text.replace(reference, ' ')
  const rules = new Set(knownPrefixes.filter(([, pattern]) => pattern.test(plain)).map(([rule]) => rule))
  // Tokens of base64/base64url characters; '-' and '_' split words of identifiers and URLs.
  if ((plain.match(/[A-Za-z0-9+/=]{20,}/g) ?? []).some(looksRandom)) rules.add('high_entropy')
  return [...rules]
}

/** Every string in a JSON value, with its JSON pointer. */
function* stringsIn(value: unknown, pointer: string): Generator<[string, string]> {
  if (typeof value === 'string') yield [pointer, value]
  else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) yield* stringsIn(item, `${pointer}/${i}`)
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const escaped = key.replace(/~/g, '~0').replace(/\//g, '~1')
      // A key can hold a value too (a header name is rarely a secret, but a query key could be).
      yield [`${pointer}/${escaped}`, key]
      yield* stringsIn(item, `${pointer}/${escaped}`)
    }
  }
}

export function noEmbeddedSecretsCheck(pkg: AgentPackage, examplePrompts: readonly string[]): VersionCheck {
  const failures: Failure[] = []
  const sources: [string, unknown][] = [
    ['/package', pkg],
    ['/example_prompts', examplePrompts],
  ]
  for (const [root, value] of sources) {
    for (const [pointer, text] of stringsIn(value, root)) {
      for (const rule of secretFindings(text)) {
        failures.push({ pointer, rule, message: `${pointer}: looks like a secret (${rule})` })
      }
    }
  }
  return checkOf(
    'no_embedded_secrets',
    failures,
    'No secret-looking value; use {{secrets.NAME}} references',
    'Secret-looking values (use {{secrets.NAME}} references instead)',
  )
}
