// `npm run tenant -- create NAME`                    creates a tenant and prints its new API key, once
// `npm run tenant -- set-limits TENANT_ID [--requests N] [--runs N] [--monthly-tokens N] [--monthly-cost USD]`
// Shorthands for `npm run admin -- tenants create` and `tenants set-quotas` (none clears a limit).
import { exitWith, runAdminCommand, UsageError } from './admin-commands.js'

const usage = [
  'usage: npm run tenant -- create NAME   (NAME: 1..100 characters)',
  '       npm run tenant -- set-limits TENANT_ID [--requests N] [--runs N] [--monthly-tokens N] [--monthly-cost USD]',
].join('\n')

function translate([command, ...rest]: string[]): string[] {
  if (command === 'create' && rest.join(' ').trim().length > 0) return ['tenants', 'create', ...rest]
  if (command === 'set-limits') return ['tenants', 'set-quotas', ...rest]
  throw new UsageError(usage)
}

exitWith(Promise.resolve().then(() => runAdminCommand(translate(process.argv.slice(2)))))
