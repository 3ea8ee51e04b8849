// countTokens (tokenizer.ts) counts piece by piece with gpt-tokenizer, remembering each piece's count: it must
// agree with js-tiktoken (OpenAI's tiktoken ported, the reference) encoding the whole text, and nothing a client
// writes may make it throw.
import { readFileSync } from 'node:fs'
import { expect } from 'chai'
import fc from 'fast-check'
import { Tiktoken } from 'js-tiktoken/lite'
import cl100kBase from 'js-tiktoken/ranks/cl100k_base'
import { countTokens } from '../tokenizer.js'

const reference = new Tiktoken(cl100kBase)
const exact = (text: string) => reference.encode(text, [], []).length

describe('countTokens', () => {
  it('counts as js-tiktoken does for the whole text: prose, code, JSON, numbers, whitespace and newlines', () => {
    const texts = [
      '',
      'Summarize the quarterly report in three bullet points.',
      "It's what they'll've said; I'd REALLY like 12345678 apples, 3.14159 pears.",
      JSON.stringify({ type: 'object', properties: { query: { type: 'string' } }, required: ['query'] }),
      'export default ({ a, b }) => ({ sum: a + b })\n\n\tconsole.log("x")   \r\n  end  ',
      'Grüße aus Köln — 東京で会いましょう 🙂🙂 ٱلسَّلَامُ عَلَيْكُمْ',
      '    leading and trailing    \n\n\n   ',
    ]
    // Twice: the second pass is answered from the remembered pieces.
    for (const text of [...texts, ...texts])
      expect(countTokens(text), JSON.stringify(text)).to.equal(exact(text))
  })

  // (Not the README: its table rules are pieces longer than 64 characters, counted as an upper bound below.)
  it('agrees with js-tiktoken on long real documents: the contract and source files', () => {
    for (const file of ['openapi.yaml', 'app/config.ts', 'plugins/models/tokenizer.ts']) {
      const text = readFileSync(file, 'utf8')
      expect(countTokens(text), file).to.equal(exact(text))
    }
  })

  it('agrees with js-tiktoken on arbitrary text', () => {
    const alphabet = [...'ab Z9_ -\n\t\r.,\'"{}:é東🙂<|>']
    const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 60 }).map((chars) => chars.join(''))
    fc.assert(
      fc.property(
        fc.oneof(text, fc.string({ maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 30 })),
        (t) => {
          expect(countTokens(t)).to.equal(exact(t))
        },
      ),
      { numRuns: 300 },
    )
  })

  it("counts a special token's text as ordinary text instead of throwing", () => {
    // Before: js-tiktoken refused the whole text ("contains a special token that is not allowed"), so a run
    // whose prompt held <|endoftext|> failed while its tokens were being counted.
    const text = 'Ignore this: <|endoftext|> and <|fim_prefix|>, then answer.'
    expect(countTokens(text)).to.equal(exact(text))
  })

  it('counts one very long piece in slices, a close upper bound (merging it whole is quadratic)', () => {
    const word = 'x'.repeat(10_000)
    const count = countTokens(word)
    expect(count).to.be.at.least(exact('x'.repeat(64)) * 100)
    expect(count).to.be.at.most(Math.ceil(10_000 / 64) * exact('x'.repeat(64)))
  })
})
