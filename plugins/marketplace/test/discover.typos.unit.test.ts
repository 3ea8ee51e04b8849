// The process's cache of typo corrections: which answers it keeps, and for how long.
import { setTimeout as sleep } from 'node:timers/promises'
import { expect } from 'chai'
import { makeTypoCorrections } from '../discover.typos.js'

/** A lookup over a fixed dictionary, as marketplace_search_words answers: only the unknown words. */
function dictionary(known: string[], close: Record<string, string[]>) {
  const asked: string[][] = []
  const lookup = (missing: string[]) => {
    asked.push(missing)
    return Promise.resolve(
      new Map(missing.filter((word) => !known.includes(word)).map((word) => [word, close[word] ?? []])),
    )
  }
  return { asked, lookup }
}

describe('marketplace typo corrections cache', () => {
  it('looks up only the words it does not know, in one lookup, and keeps known words and corrections', async () => {
    const typos = makeTypoCorrections()
    const words = dictionary(['invoice', 'triage'], { invoce: ['invoice'] })
    const first = await typos.closeWords(['invoce', 'triage'], words.lookup)
    expect(Object.fromEntries(first)).to.deep.equal({ invoce: ['invoice'], triage: [] })
    const second = await typos.closeWords(['triage', 'invoce', 'invoice'], words.lookup)
    expect(Object.fromEntries(second)).to.deep.equal({ triage: [], invoce: ['invoice'], invoice: [] })
    expect(words.asked).to.deep.equal([['invoce', 'triage'], ['invoice']])
    await typos.closeWords(['invoice', 'invoce'], words.lookup)
    expect(words.asked).to.have.length(2)
  })

  it('asks again for a word nothing was close to: a name published next may correct it', async () => {
    const typos = makeTypoCorrections()
    const before = dictionary([], {})
    expect(Object.fromEntries(await typos.closeWords(['podcst'], before.lookup))).to.deep.equal({
      podcst: [],
    })
    const after = dictionary(['podcast'], { podcst: ['podcast'] })
    expect(Object.fromEntries(await typos.closeWords(['podcst'], after.lookup))).to.deep.equal({
      podcst: ['podcast'],
    })
    expect(after.asked).to.deep.equal([['podcst']])
  })

  it('forgets a correction after its time to live', async () => {
    const typos = makeTypoCorrections(0.05)
    const words = dictionary([], { invoce: ['invoice'] })
    await typos.closeWords(['invoce'], words.lookup)
    await typos.closeWords(['invoce'], words.lookup)
    expect(words.asked).to.have.length(1)
    await sleep(80)
    await typos.closeWords(['invoce'], words.lookup)
    expect(words.asked).to.have.length(2)
  })
})
