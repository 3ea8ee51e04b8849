// Secret references in an http tool: `{{secrets.NAME}}` in a header or query value, resolved at call time
// through the secrets plugin (its scoped secretsResolver, in a short tenant transaction; each use audited),
// put into the outgoing request and nowhere else. Whatever comes back is scrubbed of the values, so a
// server that echoes a header cannot put a secret into a step the model, the history or a log sees.
import { DomainError, type Cradle } from '../../app/plugin-kit.js'
import type { PointerError, TenantTransaction, ToolResult } from '../tool-kinds/tool-kind.js'
import type { HttpConfig } from './http-config.js'
import { secretReferencesIn, stringsIn } from './http-template.js'

const referenceStart = '{{secrets.'

/** Where a reference may stand: header and query values (never the URL, which logs and errors show). */
const allowedAt = /^\/http\/(headers|query)\/[^/]+$/

/** Problems for a reference outside a header or query value, or one that is not well formed. */
export function checkSecretReferences(http: Record<string, unknown>): PointerError[] {
  const problems: PointerError[] = []
  for (const [pointer, value] of stringsIn(http, '/http')) {
    const starts = value.split(referenceStart).length - 1
    if (starts === 0) continue
    if (!allowedAt.test(pointer)) {
      problems.push({
        pointer,
        message: 'secret references ({{secrets.NAME}}) go in header or query values only',
      })
    } else if (secretReferencesIn(value).length !== starts) {
      problems.push({
        pointer,
        message: 'a secret reference is written {{secrets.NAME}} (letters, digits, _ and -)',
      })
    }
  }
  return problems
}

/** The secret names a stored config's header and query values refer to. */
export function secretNamesOf(http: HttpConfig): string[] {
  const names = new Set<string>()
  for (const value of [...Object.values(http.headers), ...Object.values(http.query)]) {
    for (const name of secretReferencesIn(value)) names.add(name)
  }
  return [...names]
}

/** Resolved values: filled into the request, then scrubbed from the answer (the secrets plugin's resolver). */
export type Secrets = Awaited<ReturnType<Cradle['secretsResolver']['resolve']>>

/** The refusals a tool call shows as its error (the names, never a value). */
const secretProblems = new Set(['SECRETS_UNRESOLVED', 'SECRETS_KEY_UNAVAILABLE'])

/** The values, or the tool error the model sees when a secret is missing or cannot be opened. */
export async function resolveSecrets(
  names: readonly string[],
  call: { toolId: string; executionId?: string; inTransaction: TenantTransaction },
): Promise<{ secrets: Secrets | undefined } | { error: ToolResult }> {
  // No reference, no transaction.
  if (names.length === 0) return { secrets: undefined }
  try {
    const use = { toolId: call.toolId, executionId: call.executionId ?? null }
    return { secrets: await call.inTransaction((s) => s.secretsResolver.resolve(names, use)) }
  } catch (error) {
    if (error instanceof DomainError && secretProblems.has(error.code)) {
      return { error: { error: { code: error.code, message: error.message } } }
    }
    throw error
  }
}
