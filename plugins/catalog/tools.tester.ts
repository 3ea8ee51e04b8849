// POST /tools/{id}/test: runs a server-side tool once on an input, outside any transaction (a sandbox call
// takes up to its time limit), and answers its output or its error with the latency.
import type { Cradle } from '../../app/plugin-kit.js'
import type { ToolScope } from './tools.editor.js'

export interface ToolTestScope extends ToolScope {
  tenantId: string
  /** The request's: a client that goes away cancels the call. */
  signal: AbortSignal
}

export type ToolTestResult =
  { output: unknown; latency_ms: number } | { error: { code: string; message: string }; latency_ms: number }

export function makeToolTester({ toolKindsRegistry: kinds }: Pick<Cradle, 'toolKindsRegistry'>) {
  return {
    /** 404 for a tool this tenant does not have; 409 for a client tool; 422 for an input its schema refuses. */
    async test(scope: ToolTestScope, id: string, input: unknown): Promise<ToolTestResult> {
      const tool = await scope.inTransaction((s) => s.catalogToolsService.stored(id))
      const result = await kinds.run(tool, input, {
        signal: scope.signal,
        tenantId: scope.tenantId,
        inTransaction: scope.inTransaction,
      })
      return 'output' in result
        ? { output: result.output, latency_ms: result.latencyMs }
        : { error: result.error, latency_ms: result.latencyMs }
    },
  }
}

export type ToolTester = ReturnType<typeof makeToolTester>
