// Token counts for the mock provider and for planning every model call, with a real tokenizer shipped in
// npm (cl100k_base, as gpt-4 uses; gpt-tokenizer, whose tables load in a fifth of js-tiktoken's time: 0.2 s
// of CPU against 0.8 at every process start), loaded with this module.
//
// cl100k splits text into pieces with one regular expression, then encodes each piece on its own (byte-pair
// merges never cross a piece), so a text's count is the sum of its pieces' counts. Pieces repeat (words,
// spaces, punctuation; every run sends its agent's role, description and tool definitions again), so each
// piece's count is remembered: a run's texts are split once and mostly looked up, instead of each piece
// being encoded again on every call. The tests hold the counts to js-tiktoken's (tokenizer.test.ts).
import { encode } from 'gpt-tokenizer/encoding/cl100k_base'
import { CL100K_TOKEN_SPLIT_REGEX } from 'gpt-tokenizer/encodingParams/constants'

// A regular expression of our own: the library's is global and keeps its lastIndex.
const pieces = new RegExp(CL100K_TOKEN_SPLIT_REGEX.source, 'gu')
/** A special token's text (`<|endoftext|>`) is ordinary text here (the library would throw). */
const asText = { disallowedSpecial: new Set<string>() }

// The merge step is quadratic in the length of one piece: 10,000 characters without a space take
// seconds of CPU. Such pieces are counted in 64-character slices (a close upper bound), and not remembered.
const sliceLength = 64

/** Pieces remembered at most; past it the memory starts over (ordinary text has far fewer distinct ones). */
const maxRemembered = 50_000
const remembered = new Map<string, number>()

/**
 * One piece's tokens. A piece that spells a special token's text (`<|endoftext|>` is split into `<|`,
 * `endoftext`, `|>`) is ordinary text here: nothing a client writes can make the count throw.
 */
function countPiece(piece: string): number {
  const known = remembered.get(piece)
  if (known !== undefined) return known
  let count = 0
  if (piece.length <= sliceLength) count = encode(piece, asText).length
  else {
    for (let i = 0; i < piece.length; i += sliceLength) {
      count += encode(piece.slice(i, i + sliceLength), asText).length
    }
    return count
  }
  if (remembered.size >= maxRemembered) remembered.clear()
  remembered.set(piece, count)
  return count
}

export function countTokens(text: string): number {
  let count = 0
  for (const [piece] of text.matchAll(pieces)) count += countPiece(piece)
  return count
}

/** Counts once now (the first encode builds the library's caches), so the first run does not pay for it. */
export const warmTokenizer = (): void => void countTokens('warm')
