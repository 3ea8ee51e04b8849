// The typo corrections of recent search words, kept in the process: most searches repeat words, and each
// word's corrections were a round trip to marketplace_search_words before the search itself. A word's entry
// lives a minute at most (the words of names published meanwhile reach it after that); only corrections
// are cached, never results: what a search finds is always read live.
import { LRUCache } from 'lru-cache'

/** Each word's closest words of published names ([]: a known word, or none close enough). */
export type CloseWords = ReadonlyMap<string, string[]>

export interface TypoCorrections {
  /** The close words of each of `words`, looking up only those not known lately (one lookup for them all). */
  closeWords(
    words: readonly string[],
    lookup: (missing: string[]) => Promise<Map<string, string[]>>,
  ): Promise<CloseWords>
}

/** At most this many words are kept (a few hundred kB), each this long. */
const cachedWords = 10_000
export const typoCacheSeconds = 60

export function makeTypoCorrections(ttlSeconds = typoCacheSeconds): TypoCorrections {
  const cache = new LRUCache<string, string[]>({ max: cachedWords, ttl: ttlSeconds * 1000 })
  return {
    async closeWords(words, lookup) {
      const close = new Map<string, string[]>()
      const missing: string[] = []
      for (const word of words) {
        const known = cache.get(word)
        if (known === undefined) missing.push(word)
        else close.set(word, known)
      }
      if (missing.length === 0) return close
      // The lookup answers for the words no published name has: a word it leaves out is known (it has no
      // correction, and stays known: words are never removed). A word with no close word is not kept, so a
      // name published next can correct it at once.
      const found = await lookup(missing)
      for (const word of missing) {
        const alternatives = found.get(word) ?? []
        if (!found.has(word) || alternatives.length > 0) cache.set(word, alternatives)
        close.set(word, alternatives)
      }
      return close
    },
  }
}
