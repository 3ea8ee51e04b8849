// Typos in a search: the plain words of q (no "phrase", -exclusion or `or`, whose meaning a correction
// could change) that are not words of any published name are looked up among those names' words by trigram
// similarity (marketplace_search_words), and the search then also matches the close words in names:
// `invoce triage` searches `(invoce | invoice:A) & triage` as well as itself.

/** Words shorter than this are not corrected: too few trigrams to tell a typo from another word. */
export const typoWordLength = 4
const maxWords = 8

/** The words of q, lower case, when q is plain; undefined when it uses the web search syntax. */
export function plainWords(q: string): string[] | undefined {
  if (/["-]/.test(q) || /(^|\s)or(\s|$)/i.test(q)) return undefined
  const words = q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []
  return words.length > 0 && words.length <= maxWords ? words : undefined
}

/** The words worth looking up (each once). */
export const correctable = (words: readonly string[]): string[] => [
  ...new Set(words.filter((word) => [...word].length >= typoWordLength && [...word].length <= 64)),
]

/**
 * The to_tsquery text of q with its corrections, `(invoce | invoice:A) & triage`, or undefined when no word
 * has a close word. Words are letters and digits only, so nothing in them is tsquery syntax.
 */
export function typoQuery(
  words: readonly string[],
  close: ReadonlyMap<string, string[]>,
): string | undefined {
  if (![...close.values()].some((alternatives) => alternatives.length > 0)) return undefined
  return words
    .map((word) => {
      const alternatives = close.get(word) ?? []
      // A close word is a word of published names: it is matched in names only (weight A).
      return alternatives.length === 0
        ? word
        : `(${[word, ...alternatives.map((close) => `${close}:A`)].join(' | ')})`
    })
    .join(' & ')
}
