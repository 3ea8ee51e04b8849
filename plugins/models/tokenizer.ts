// Token counts for the mock provider, with a real tokenizer shipped in npm (cl100k_base, as gpt-4 uses),
// loaded once on first use.
import { Tiktoken } from 'js-tiktoken/lite'
import cl100kBase from 'js-tiktoken/ranks/cl100k_base'

let encoder: Tiktoken | undefined

// js-tiktoken's merge step is quadratic in the length of one word: 10,000 characters without a space
// take seconds of CPU. Such runs are counted in 64-character slices (a close upper bound); ordinary text
// is counted exactly.
const longRun = /\S{65,}/g
const sliceLength = 64

export function countTokens(text: string): number {
  const encode = (part: string) => (part ? (encoder ??= new Tiktoken(cl100kBase)).encode(part).length : 0)
  let count = 0
  let last = 0
  for (const match of text.matchAll(longRun)) {
    count += encode(text.slice(last, match.index))
    for (let i = 0; i < match[0].length; i += sliceLength) count += encode(match[0].slice(i, i + sliceLength))
    last = match.index + match[0].length
  }
  return count + encode(text.slice(last))
}

/** Loads the ranks now (a quarter second), so the first run does not pay for it. */
export const warmTokenizer = (): void => void countTokens('warm')
