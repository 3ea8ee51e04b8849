// `{{secrets.NAME}}` in a tool's configuration (a header or query value): how a secret is used, by name only.

/** A secret's name: what `{{secrets.NAME}}` may name, and what the API accepts. */
export const secretNamePattern = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/

const reference = /\{\{secrets\.([A-Za-z_][A-Za-z0-9_-]{0,63})\}\}/g

/** The distinct secret names a string refers to, in order of first appearance. */
export function findSecretReferences(text: string): string[] {
  return [...new Set([...text.matchAll(reference)].map((match) => match[1]!))]
}

/** The names referred to anywhere in a JSON value's strings (a tool's config). */
export function findSecretReferencesIn(value: unknown): string[] {
  const names = new Set<string>()
  const visit = (node: unknown): void => {
    if (typeof node === 'string') for (const name of findSecretReferences(node)) names.add(name)
    else if (Array.isArray(node)) node.forEach(visit)
    else if (node && typeof node === 'object') Object.values(node).forEach(visit)
  }
  visit(value)
  return [...names]
}

/** The string with every reference replaced by `values[name]`; a name missing from values throws. */
export function substituteSecretReferences(text: string, values: ReadonlyMap<string, string>): string {
  return text.replace(reference, (_match, name: string) => {
    const value = values.get(name)
    if (value === undefined) throw new Error(`secret ${name} was not resolved`)
    return value
  })
}

/** The exact text of a reference to `name`: what the dependents query looks for in tools.config. */
export const referenceText = (name: string): string => `{{secrets.${name}}}`

/** The helpers above as a service (`secretsReferences`): other plugins reach them through the container. */
export const secretsReferences = {
  find: findSecretReferences,
  findIn: findSecretReferencesIn,
  substitute: substituteSecretReferences,
}
export type SecretsReferences = typeof secretsReferences
