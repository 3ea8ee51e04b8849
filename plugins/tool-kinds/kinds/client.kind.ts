// client: the platform never runs the tool; the caller does, and answers with the output (issue 15's
// requires_action). Every tool created before kinds existed is one.
import { toolError, type ToolKind } from '../tool-kind.js'

export const kind: ToolKind<Record<string, never>> = {
  kind: 'client',
  fields: [],
  executable: false,
  prepare: () => Promise.resolve({}),
  // The registry refuses to run it (TOOL_NOT_EXECUTABLE) before this is reached.
  execute: () => Promise.resolve(toolError('TOOL_NOT_EXECUTABLE', 'a client tool is run by the caller')),
}
