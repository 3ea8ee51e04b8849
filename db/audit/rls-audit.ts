// The row-level-security audit: reads the catalog and reports, per table, RLS state, owner and policies,
// and every finding a reviewer would flag. Pure catalog queries; it changes nothing.
import type { Sql } from '../client.js'
import { catalog, type PolicyRow } from './catalog.js'
import { pinsToTenant } from './policy-scope.js'

export interface AuditOptions {
  /** Schemas holding the application's objects. */
  schemas: string[]
  /** The role the API connects as. */
  appRole: string
  /** SECURITY DEFINER functions the app role may execute, as `schema.name(argtypes)`. */
  definerAllowList: string[]
  /** Tables left out of the report and the findings (e.g. test-only plugins). */
  excludeTables?: string[]
  /**
   * Tables whose rows every tenant reads on purpose, as plugins declare them (`sharedTables`): their
   * SELECT policies for the app role need not pin rows to the tenant; their write policies still must.
   */
  sharedTables?: Record<string, SharedTable>
}

export interface SharedTable {
  /** The plugin that declares it. */
  plugin: string
  reason: string
}

export interface Finding {
  kind: string
  object: string
  message: string
}

export interface TableReport {
  name: string
  owner: string
  appPrivileges: string[]
  /** The commands the app role holds on some columns only, with those columns. */
  appColumnPrivileges: Record<string, string[]>
  rlsEnabled: boolean
  rlsForced: boolean
  hasTenantId: boolean
  policies: PolicyRow[]
}

export interface AuditResult {
  tables: TableReport[]
  findings: Finding[]
  /** `*_id` columns deliberately without a foreign key: each says why in its comment ("No foreign key: ..."). */
  idsWithoutForeignKey: { table: string; column: string; reason: string }[]
  /** The declared shared tables, with their policies that admit other tenants' rows. */
  sharedTables: (SharedTable & { table: string; sharedPolicies: string[] })[]
  /**
   * Policies for roles other than the app role (map_owner's, behind SECURITY DEFINER functions; map_admin's,
   * behind operator commands). The app role is a member of no role, so they never apply to it: listed for
   * review, not findings.
   */
  otherRolePolicies: PolicyRow[]
}

/** The opt-out a reviewer reads: a column comment starting "No foreign key:" and giving a reason. */
const noForeignKeyReason = (comment: string | null): string | undefined =>
  /^no foreign key:\s*(\S.*)$/is.exec(comment ?? '')?.[1]?.trim()

const writeCommands = ['INSERT', 'UPDATE', 'ALL']
const tenantFunctions = /current_setting\s*\(|current_tenant_id\s*\(/gi

/** A policy expression reads the tenant per row when the call is not inside a sub-select. */
function readsSettingPerRow(expression: string | null): boolean {
  if (!expression) return false
  for (const match of expression.matchAll(tenantFunctions)) {
    const before = expression.slice(0, match.index)
    const opened = before.lastIndexOf('( SELECT')
    if (
      opened === -1 ||
      before.slice(opened).split('(').length - 1 <= before.slice(opened).split(')').length - 1
    )
      return true
  }
  return false
}

const appliesTo = (policy: PolicyRow, appRole: string): boolean =>
  policy.roles.includes('public') || policy.roles.includes(appRole)

/** The expressions that decide which rows a policy admits, per its command (WITH CHECK defaults to USING). */
const admittingExpressions = (policy: PolicyRow): string[] =>
  (policy.command === 'SELECT' || policy.command === 'DELETE'
    ? [policy.using]
    : policy.command === 'INSERT'
      ? [policy.withCheck]
      : [policy.using, policy.withCheck ?? policy.using]
  ).filter((expression): expression is string => expression !== null)

/**
 * A permissive app-role policy of a tenant table that admits rows of other tenants: a finding, unless it is
 * the SELECT policy of a declared shared table. (A restrictive policy only narrows what others admit.)
 */
function scopeFindings(table: TableReport, appRole: string, shared: SharedTable | undefined): Finding[] {
  if (!table.hasTenantId) return []
  return table.policies
    .filter((policy) => appliesTo(policy, appRole) && policy.permissive)
    .filter((policy) => !(shared && policy.command === 'SELECT'))
    .filter((policy) => !admittingExpressions(policy).every(pinsToTenant))
    .map((policy) => ({
      kind: 'policy_not_tenant_scoped',
      object: `${table.name}.${policy.name}`,
      message: shared
        ? `${policy.command} policy of a shared table admits other tenants' rows: only its SELECT may; writes stay the tenant's own`
        : `${policy.command} policy admits other tenants' rows (no tenant_id = (select app.current_tenant_id())); ` +
          "if every tenant may read them, declare the table in its plugin's sharedTables with the reason",
    }))
}

function policyFindings(table: TableReport, appRole: string): Finding[] {
  const findings: Finding[] = []
  const applies = table.policies.filter((p) => appliesTo(p, appRole))
  if (table.hasTenantId) {
    // A command the app role may run needs a policy; without the grant, no policy simply means no access.
    for (const command of table.appPrivileges) {
      if (!applies.some((p) => p.command === command || p.command === 'ALL')) {
        findings.push({
          kind: 'command_without_policy',
          object: table.name,
          message: `${appRole} may ${command} but no policy for it applies`,
        })
      }
    }
  }
  for (const policy of table.policies) {
    const object = `${table.name}.${policy.name}`
    if (writeCommands.includes(policy.command) && !policy.withCheck) {
      findings.push({
        kind: 'policy_without_with_check',
        object,
        message: `${policy.command} policy has no WITH CHECK`,
      })
    }
    if (readsSettingPerRow(policy.using) || readsSettingPerRow(policy.withCheck)) {
      findings.push({
        kind: 'per_row_setting',
        object,
        message: 'reads the tenant setting per row; wrap it in (select ...)',
      })
    }
  }
  return findings
}

function tableFindings(table: TableReport, appRole: string, shared: SharedTable | undefined): Finding[] {
  const findings: Finding[] = []
  // A shared table without tenant_id (a public projection) is held to the same: RLS on, forced, a policy.
  const what = table.hasTenantId ? 'has tenant_id' : 'is declared shared'
  if ((table.hasTenantId || shared) && !table.rlsEnabled) {
    findings.push({
      kind: 'rls_disabled',
      object: table.name,
      message: `${what} but row-level security is not enabled`,
    })
  }
  if ((table.hasTenantId || shared) && !table.rlsForced) {
    findings.push({
      kind: 'rls_not_forced',
      object: table.name,
      message: 'row-level security is not forced (the owner bypasses it)',
    })
  }
  if ((table.hasTenantId || shared) && table.policies.length === 0) {
    findings.push({ kind: 'no_policy', object: table.name, message: `${what} but no policy` })
  }
  // Without tenant_id nothing pins a write to a tenant: only its owner's functions may write it.
  const writes = table.appPrivileges.filter((privilege) => privilege !== 'SELECT')
  if (shared && !table.hasTenantId && writes.length > 0) {
    findings.push({
      kind: 'shared_table_writable',
      object: table.name,
      message: `${appRole} may ${writes.join(', ')} a shared table without tenant_id: only its owner's definer functions may write it`,
    })
  }
  return [...findings, ...policyFindings(table, appRole), ...scopeFindings(table, appRole, shared)]
}

export async function auditRls(sql: Sql, options: AuditOptions): Promise<AuditResult> {
  const excluded = new Set(options.excludeTables ?? [])
  const data = await catalog(sql, options.schemas, options.appRole)
  const tables: TableReport[] = data.tables
    .filter((t) => !excluded.has(t.name))
    .map((t) => ({ ...t, policies: data.policies.filter((p) => p.table === t.name) }))
  const declared = Object.entries(options.sharedTables ?? {}).filter(([table]) => !excluded.has(table))
  const sharedOf = (name: string) => options.sharedTables?.[name]
  const findings: Finding[] = tables.flatMap((table) =>
    tableFindings(table, options.appRole, sharedOf(table.name)),
  )
  for (const [table, { plugin, reason }] of declared) {
    if (!tables.some((t) => t.name === table))
      findings.push({
        kind: 'shared_table_unknown',
        object: table,
        message: `${plugin} declares it in sharedTables, but no such table is in ${options.schemas.join(', ')}`,
      })
    if (reason.trim() === '')
      findings.push({
        kind: 'shared_table_without_reason',
        object: table,
        message: `${plugin} declares it in sharedTables without saying why`,
      })
  }

  const role = data.role
  if (!role)
    findings.push({
      kind: 'app_role_missing',
      object: options.appRole,
      message: 'the app role does not exist',
    })
  else {
    if (role.superuser)
      findings.push({ kind: 'app_role_superuser', object: role.name, message: 'the app role is a superuser' })
    if (role.bypassrls)
      findings.push({ kind: 'app_role_bypassrls', object: role.name, message: 'the app role has BYPASSRLS' })
    for (const member of role.memberOf) {
      findings.push({
        kind: 'app_role_membership',
        object: role.name,
        message: `the app role is a member of ${member}`,
      })
    }
  }
  for (const owned of data.ownedByApp) {
    findings.push({ kind: 'app_role_owns', object: owned, message: 'owned by the app role' })
  }
  for (const grant of data.excessGrants.filter((g) => !excluded.has(g.object))) {
    findings.push({
      kind: 'app_role_excess_grant',
      object: grant.object,
      message: `the app role holds ${grant.privilege}`,
    })
  }
  for (const schema of data.creatableSchemas) {
    findings.push({
      kind: 'app_role_schema_create',
      object: schema,
      message: 'the app role may create objects here',
    })
  }
  for (const view of data.viewsWithoutInvoker) {
    findings.push({
      kind: 'view_without_security_invoker',
      object: view,
      message: 'a view without security_invoker runs as its owner, outside RLS',
    })
  }
  for (const fn of data.definers) {
    if (!fn.pinnedSearchPath) {
      findings.push({
        kind: 'definer_without_search_path',
        object: fn.signature,
        message: 'SECURITY DEFINER without a pinned search_path',
      })
    }
    if (fn.executableByApp && !options.definerAllowList.includes(fn.signature)) {
      findings.push({
        kind: 'definer_executable_by_app',
        object: fn.signature,
        message: 'SECURITY DEFINER executable by the app role, not on the allow list',
      })
    }
  }
  for (const fk of data.foreignKeys.filter((f) => !excluded.has(f.table))) {
    findings.push({
      kind: 'foreign_key_without_tenant_id',
      object: `${fk.table}.${fk.name}`,
      message: `references tenant table ${fk.references} without tenant_id`,
    })
  }
  const idsWithoutForeignKey: AuditResult['idsWithoutForeignKey'] = []
  for (const id of data.unreferencedIds.filter((c) => !excluded.has(c.table))) {
    const reason = noForeignKeyReason(id.comment)
    if (reason) idsWithoutForeignKey.push({ table: id.table, column: id.column, reason })
    else
      findings.push({
        kind: 'id_without_foreign_key',
        object: `${id.table}.${id.column}`,
        message:
          'a uuid *_id column no foreign key covers: reference its row with a composite key (tenant_id, ' +
          `${id.column}), or say why not in a comment on the column starting "No foreign key:"`,
      })
  }
  for (const key of data.tenantNullingKeys.filter((k) => !excluded.has(k.table))) {
    findings.push({
      kind: 'set_null_nulls_tenant_id',
      object: `${key.table}.${key.name}`,
      message: `${key.action} also sets tenant_id, so the referenced row's delete fails; name the column: on delete set null (col)`,
    })
  }
  for (const fn of data.catalogFunctions) {
    findings.push(
      fn.kind === 'large_object'
        ? {
            kind: 'app_role_large_object_function',
            object: fn.signature,
            message: 'the app role may use large objects: storage outside RLS and the quotas',
          }
        : {
            kind: 'app_role_advisory_lock_function',
            object: fn.signature,
            message: 'the app role may take advisory locks: one lock space shared by every tenant',
          },
    )
  }
  for (const lo of data.largeObjects) {
    findings.push({
      kind: 'app_role_large_object',
      object: `large object ${lo.oid}`,
      message: lo.owned ? 'owned by the app role' : 'writable by the app role',
    })
  }
  const sharedTables = declared.map(([table, declaration]) => ({
    table,
    ...declaration,
    sharedPolicies: (tables.find((t) => t.name === table)?.policies ?? [])
      .filter((policy) => appliesTo(policy, options.appRole) && policy.command === 'SELECT')
      .filter((policy) => !admittingExpressions(policy).every(pinsToTenant))
      .map((policy) => policy.name),
  }))
  const otherRolePolicies = tables.flatMap((table) =>
    table.policies.filter((policy) => !appliesTo(policy, options.appRole)),
  )
  return { tables, findings, idsWithoutForeignKey, sharedTables, otherRolePolicies }
}
