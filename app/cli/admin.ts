// `npm run admin -- <command>`; see admin-commands.ts for the commands.
import { exitWith, runAdminCommand } from './admin-commands.js'

exitWith(runAdminCommand(process.argv.slice(2)))
