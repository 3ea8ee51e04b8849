// The 422s a kind throws while preparing a tool, with the details' shape the API documents.
import { appError, type DomainError } from '../../app/plugin-kit.js'
import type { PointerError } from './tool-kind.js'

/** The detail line: every problem, pointer first. */
export const joined = (errors: PointerError[]): string =>
  errors.map((e) => `${e.pointer || '/'}: ${e.message}`).join('; ')

/** INVALID_TOOL_CONFIG; pointers into the tool's representation (/builtin, /code, /kind...). */
export const invalidToolConfig = (errors: PointerError[]): DomainError =>
  appError('INVALID_TOOL_CONFIG', joined(errors), { errors })

/** INVALID_TOOL_INPUT with pointers into the input, for the caller or (caught by the run loop) the model. */
export const invalidToolInput = (errors: PointerError[]): DomainError =>
  appError('INVALID_TOOL_INPUT', joined(errors), { errors })

export const codeDoesNotCompile = (location: {
  line: number
  column: number
  message: string
}): DomainError =>
  appError('CODE_DOES_NOT_COMPILE', `line ${location.line}, column ${location.column}: ${location.message}`, {
    line: location.line,
    column: location.column,
    message: location.message,
  })
