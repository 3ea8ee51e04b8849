// Typed errors: the problem+json documents openapi.yaml declares, derived from the generated types, so a
// spec that makes `error_code` an enum per response (with `details` typed per code) makes them richer here
// without a change: `switch (problem.error_code)` then narrows `details`.
import type { operations } from './generated/openapi.js'

type ProblemBody<Response> = Response extends { content: { 'application/problem+json': infer Body } }
  ? Body
  : never

/** The problem documents an operation (an entry of the generated `operations` or `paths`) can answer. */
export type ProblemsOf<Operation> = Operation extends { responses: infer Responses }
  ? { [Code in keyof Responses]: ProblemBody<Responses[Code]> }[keyof Responses]
  : never

/** Every problem document any operation of the API can answer. */
export type AnyProblem = ProblemsOf<operations[keyof operations]>

/** A response with an RFC 9457 problem document: `problem` is its body, typed by the operation when known. */
export class ProblemError<Problem = AnyProblem> extends Error {
  override readonly name = 'ProblemError'

  constructor(
    readonly problem: Problem,
    readonly response: Response,
  ) {
    super(describeProblem(problem, response))
  }

  get status(): number {
    return this.response.status
  }
}

/** An error answer without a problem document (a proxy's HTML page, an empty 5xx...). */
export class UnexpectedResponseError extends Error {
  override readonly name = 'UnexpectedResponseError'

  constructor(
    readonly body: unknown,
    readonly response: Response,
  ) {
    super(`${response.status} ${response.statusText || 'error'} without a problem document`)
  }
}

export const isProblemError = (error: unknown): error is ProblemError => error instanceof ProblemError

const isProblemDocument = (body: unknown): boolean =>
  typeof body === 'object' && body !== null && 'error_code' in body && typeof body.error_code === 'string'

function describeProblem(problem: unknown, response: Response): string {
  if (typeof problem !== 'object' || problem === null) return `${response.status}`
  const code = 'error_code' in problem ? String(problem.error_code) : ''
  const detail = 'detail' in problem ? String(problem.detail) : ''
  return `${response.status} ${code}: ${detail}`
}

type Success<Data> = { data: Data; error?: never; response: Response }
type Failure<Problem> = { data?: never; error: Problem; response: Response }

/** What openapi-fetch answers: data on success, the (typed) error body otherwise. */
export type FetchResult<Data, Problem> = Success<Data> | Failure<Problem>

/** The data of a successful result of an openapi-fetch call (inferring it from the union would add undefined). */
export type DataOf<Result> = Result extends { data: infer Data; error?: never } ? Data : never
/** The problem documents of a failed result of an openapi-fetch call. */
export type ErrorOf<Result> = Result extends { data?: never; error: infer Problem } ? Problem : never

/** openapi-fetch answers `{ data, response }` on success and `{ error, response }` otherwise. */
const succeeded = (result: FetchResult<unknown, unknown>): result is Success<unknown> => 'data' in result

/**
 * The data of a successful call, or a thrown ProblemError (UnexpectedResponseError for an error without a
 * problem document): `const tool = await ok(api.POST('/api/v1/tools', { body }))`.
 */
export async function ok<Result extends FetchResult<unknown, unknown>>(
  pending: Promise<Result>,
): Promise<DataOf<Result>> {
  return unwrap(await pending)
}

/** ok() for a result already awaited. */
export function unwrap<Result extends FetchResult<unknown, unknown>>(result: Result): DataOf<Result>
export function unwrap(result: FetchResult<unknown, unknown>): unknown {
  if (succeeded(result)) return result.data
  if (isProblemDocument(result.error)) throw new ProblemError(result.error, result.response)
  throw new UnexpectedResponseError(result.error, result.response)
}
