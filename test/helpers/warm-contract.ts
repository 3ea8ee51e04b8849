// Compiles the contract validator's schemas for the given requests' operations, without running them.
// The validator compiles an operation's schemas on its first request (~0.1 s each with responses validated,
// app/kernel/openapi-validator.ts); a test that times a batch of first requests would time that instead of
// what it is about. The validator is shared per document, so what this compiles serves every app built
// from the same document (testSpec()).
import express, { type ErrorRequestHandler } from 'express'
import supertest from 'supertest'
import { contractValidator } from '../../app/kernel/openapi-validator.js'
import type { OpenApiDocument } from '../../app/kernel/spec.js'
import type { SpecRequest } from './spec-requests.js'

/**
 * Throws when a request is refused, unless it says it may be (an operation whose documented success needs
 * state the caller cannot make: its request validator compiles all the same, its response ones on first use).
 */
export async function warmContractValidator(
  spec: OpenApiDocument,
  requests: readonly (SpecRequest & { mayBeRefused?: boolean })[],
) {
  const app = express()
  app.use(express.json({ limit: '10mb' }))
  app.use(contractValidator(spec, true))
  // Any JSON answer builds the operation's response validators (every status at once); this one fails them.
  app.use((_req, res) => {
    res.status(200).json({})
  })
  // The library's own errors carry their status: 400 a refused request, 500 the empty answer failing the
  // response schema (expected). Anything without one (a schema that does not compile) is 599.
  const answered: ErrorRequestHandler = (error: { status?: unknown }, _req, res, _next) => {
    res.status(typeof error.status === 'number' ? error.status : 599).end()
  }
  app.use(answered)
  const unwarmed: string[] = []
  for (const request of requests) {
    const method = request.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'
    const sent = supertest(app)[method](request.path).set(request.headers)
    const res = await (request.body === undefined
      ? sent
      : sent.set('Content-Type', 'application/json').send(JSON.stringify(request.body)))
    // 200 or 500 (the empty answer broke the response schema): the request passed validation and both compiled.
    const refusedAsAllowed = request.mayBeRefused === true && res.status === 400
    if (res.status !== 200 && res.status !== 500 && !refusedAsAllowed)
      unwarmed.push(`${request.method} ${request.path}: ${res.status}`)
  }
  if (unwarmed.length > 0) throw new Error(`requests the validator refused: ${unwarmed.join('; ')}`)
}
