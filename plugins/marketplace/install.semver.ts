// Ordering semantic versions (semver 2.0.0, section 11) as the spec's SemanticVersion writes them:
// major.minor.patch with an optional pre-release, no build metadata. The default version to install is
// the greatest published one that is not yanked; an upgrade goes to a greater one only.

const parse = (version: string) => {
  const [core, ...pre] = version.split('-')
  const release = core!.split('.').map(Number)
  return { release, pre: pre.length === 0 ? [] : pre.join('-').split('.') }
}

const compareIdentifiers = (a: string, b: string): number => {
  const numeric = (s: string) => /^\d+$/.test(s)
  if (numeric(a) && numeric(b)) return Math.sign(Number(a) - Number(b))
  if (numeric(a) !== numeric(b)) return numeric(a) ? -1 : 1 // numeric identifiers come first
  return a < b ? -1 : a > b ? 1 : 0
}

/** Negative when a < b, 0 when equal, positive when a > b. */
export function compareVersions(a: string, b: string): number {
  const x = parse(a)
  const y = parse(b)
  for (let i = 0; i < 3; i++)
    if (x.release[i] !== y.release[i]) return Math.sign(x.release[i]! - y.release[i]!)
  // A pre-release is lower than its release; otherwise identifier by identifier, shorter first on a tie.
  if (x.pre.length === 0 || y.pre.length === 0) {
    if (x.pre.length === y.pre.length) return 0
    return x.pre.length === 0 ? 1 : -1
  }
  for (let i = 0; i < Math.min(x.pre.length, y.pre.length); i++) {
    const order = compareIdentifiers(x.pre[i]!, y.pre[i]!)
    if (order !== 0) return order
  }
  return Math.sign(x.pre.length - y.pre.length)
}
