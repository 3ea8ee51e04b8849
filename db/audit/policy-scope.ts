// Whether a policy expression, as PostgreSQL prints it (pg_policies.qual / with_check), pins every row it
// admits to the transaction's tenant: `tenant_id = (SELECT app.current_tenant_id() ...)` on its own, or as
// one term of an AND, or in every branch of an OR. `published_at IS NOT NULL OR tenant_id = ...` does not
// (it admits published rows of every tenant): that is a shared read, legitimate only where declared.
// A reading of the text, not a proof: it recognises the forms the migrations write.

/** The tenant setting, however the policy reads it (the helper, or the setting itself). */
const tenantSetting = /app\.current_tenant_id\(\)|current_setting\('app\.current_tenant_id'/

/** Splits at a separator outside parentheses and quotes ('...' with '' inside, "..." identifiers). */
function splitTopLevel(expression: string, separator: ' AND ' | ' OR ' | ' = '): string[] {
  const parts: string[] = []
  let depth = 0
  let quote: string | undefined
  let start = 0
  for (let i = 0; i < expression.length; i++) {
    const char = expression[i]!
    if (quote) {
      if (char === quote) quote = expression[i + 1] === quote ? (i++, quote) : undefined
      continue
    }
    if (char === "'" || char === '"') quote = char
    else if (char === '(') depth++
    else if (char === ')') depth--
    else if (depth === 0 && expression.startsWith(separator, i)) {
      parts.push(expression.slice(start, i))
      start = i + separator.length
      i += separator.length - 1
    }
  }
  parts.push(expression.slice(start))
  return parts
}

/** Drops parentheses that enclose the whole expression. */
function unwrap(expression: string): string {
  let text = expression.trim()
  for (;;) {
    if (!text.startsWith('(') || !text.endsWith(')')) return text
    let depth = 0
    let closesAtEnd = true
    for (let i = 0; i < text.length - 1; i++) {
      if (text[i] === '(') depth++
      else if (text[i] === ')') depth--
      if (depth === 0) {
        closesAtEnd = false
        break
      }
    }
    if (!closesAtEnd) return text
    text = text.slice(1, -1).trim()
  }
}

/** `tenant_id = <the tenant setting>`, either way round. */
function isTenantEquality(term: string): boolean {
  const sides = splitTopLevel(term, ' = ')
  if (sides.length !== 2) return false
  const [left, right] = sides.map((side) => unwrap(side))
  return (
    (left === 'tenant_id' && tenantSetting.test(right!)) ||
    (right === 'tenant_id' && tenantSetting.test(left!))
  )
}

export function pinsToTenant(expression: string): boolean {
  const text = unwrap(expression)
  const branches = splitTopLevel(text, ' OR ')
  if (branches.length > 1) return branches.every(pinsToTenant)
  const terms = splitTopLevel(text, ' AND ')
  if (terms.length > 1) return terms.some(pinsToTenant)
  return isTenantEquality(text)
}
