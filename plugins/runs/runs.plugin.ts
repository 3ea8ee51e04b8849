// Agent runs and their execution logs. The table is created with the foundation so the schema is whole;
// the run, history and usage operations arrive with the runs issue.
import { definePlugin } from '../../app/plugin-kit.js'

export const runsPlugin = definePlugin({
  id: 'runs',
  dependsOn: ['catalog'],
  dir: import.meta.dirname,
  tenantTables: ['execution_logs'],
  migrations: 'migrations',
})
