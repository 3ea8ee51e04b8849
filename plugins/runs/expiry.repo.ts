// The one cross-tenant statement of the runs plugin: app.expire_waiting_executions() (SECURITY DEFINER,
// see migrations/1764100015002_runs-expire-waiting.sql) moves every waiting run past its deadline to expired
// and returns only how many. No tenant is set: the function reaches those rows through the owner's policies.
import type { Sql } from '../../app/plugin-kit.js'

export async function expireWaitingExecutions(sql: Sql): Promise<number> {
  const [row] = await sql<{ expired: number }[]>`select app.expire_waiting_executions() as expired`
  return row?.expired ?? 0
}
