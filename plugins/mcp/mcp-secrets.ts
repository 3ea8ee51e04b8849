// Secret references in a server's header values: `{{secrets.NAME}}`, resolved per use (registration,
// refresh, each tool call) through the secrets plugin's scoped secretsResolver in one short tenant
// transaction (each use audited), put into the outgoing headers only, and scrubbed from whatever comes back
// (results, error messages), so a server that echoes a header cannot put a secret into a step or a reply.
import { DomainError, type Cradle, type TenantTransaction } from '../../app/plugin-kit.js'

/** The secrets plugin's syntax (its secretNamePattern), parsed here where no service is at hand. */
const reference = /\{\{secrets\.([A-Za-z_][A-Za-z0-9_-]{0,63})\}\}/g

export const secretReferencesIn = (value: string): string[] =>
  [...value.matchAll(reference)].map((match) => match[1]!)

export const secretNamesOf = (headers: Record<string, string>): string[] => [
  ...new Set(Object.values(headers).flatMap(secretReferencesIn)),
]

/** A failure to resolve, as a code and message (never a value). */
export class SecretsProblem extends Error {
  constructor(
    readonly code: 'SECRETS_UNRESOLVED' | 'SECRETS_KEY_UNAVAILABLE',
    message: string,
  ) {
    super(message)
  }
}

/** Resolved values (the secrets plugin's resolver): they fill the headers and scrub what comes back. */
export type Secrets = Awaited<ReturnType<Cradle['secretsResolver']['resolve']>>

/** The headers with every reference filled; the values, to scrub answers with (undefined: none used). */
export async function resolveHeaders(
  headers: Record<string, string>,
  use: { toolId: string | null; executionId: string | null; inTransaction: TenantTransaction },
): Promise<{ headers: Record<string, string>; secrets: Secrets | undefined }> {
  const names = secretNamesOf(headers)
  if (names.length === 0) return { headers, secrets: undefined }
  let secrets: Secrets
  try {
    const who = { toolId: use.toolId, executionId: use.executionId }
    secrets = await use.inTransaction((s) => s.secretsResolver.resolve(names, who))
  } catch (error) {
    if (
      error instanceof DomainError &&
      (error.code === 'SECRETS_UNRESOLVED' || error.code === 'SECRETS_KEY_UNAVAILABLE')
    ) {
      throw new SecretsProblem(error.code, error.message)
    }
    throw error
  }
  const filled = Object.fromEntries(
    Object.entries(headers).map(([name, template]) => [name, secrets.fill(template)]),
  )
  for (const value of Object.values(filled)) {
    // A secret's value with a line break would add a header line: never sent.
    if (/[\r\n\0]/.test(value))
      throw new SecretsProblem('SECRETS_UNRESOLVED', 'a secret value holds CR, LF or NUL')
  }
  return { headers: filled, secrets }
}

/** The node with the values scrubbed out, when there are values. */
export const redact = <T>(node: T, secrets: Secrets | undefined): T => (secrets ? secrets.redact(node) : node)
