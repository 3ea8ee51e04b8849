// The order of versions an install defaults to and an upgrade requires: semver 2.0.0's precedence.
import { expect } from 'chai'
import { compareVersions } from '../marketplace.views.js'

describe('marketplace version order (semver precedence)', () => {
  it("orders releases numerically and pre-releases as semver 2.0.0 section 11's example", () => {
    const ascending = [
      '0.9.0',
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.9.0',
      '1.10.0',
      '2.0.0',
    ]
    const shuffled = [...ascending].reverse()
    expect(shuffled.sort(compareVersions)).to.deep.equal(ascending)
    for (const [i, a] of ascending.entries()) {
      expect(compareVersions(a, a), a).to.equal(0)
      for (const b of ascending.slice(i + 1)) expect(compareVersions(a, b), `${a} < ${b}`).to.be.below(0)
    }
  })
})
