// A builtin: a small tool implemented in the platform, chosen by name ({"kind": "builtin", "builtin": name}).
import type { ToolResult } from '../tool-kind.js'
import { calculator } from './calculator.js'
import { currentTime } from './current-time.js'

export interface Builtin {
  name: string
  description: string
  /** The input_schema a builtin tool gets when it names none; run() also checks its input against it. */
  inputSchema: Record<string, unknown>
  /** Synchronous and quick; a failure of the input is a tool error, never an exception. */
  run(input: unknown): ToolResult
}

export const builtins: ReadonlyMap<string, Builtin> = new Map(
  [calculator, currentTime].map((builtin) => [builtin.name, builtin]),
)
