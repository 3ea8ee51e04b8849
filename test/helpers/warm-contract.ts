// Compiles the contract validator's schemas for the given requests' operations, without running them.
// The validator compiles an operation's schemas on its first request (~0.5 s each with responses validated,
// app/kernel/openapi-validator.ts); a test that times a batch of first requests would time that instead of
// what it is about. The validator is shared per document, so what this compiles serves every app built
// from the same document (testSpec()).
import express, { type ErrorRequestHandler } from 'express'
import supertest from 'supertest'
import { contractValidator } from '../../app/kernel/openapi-validator.js'
import type { OpenApiDocument } from '../../app/kernel/spec.js'
import type { SpecRequest } from './spec-requests.js'

export async function warmContractValidator(spec: OpenApiDocument, requests: readonly SpecRequest[]) {
  const app = express()
  app.use(express.json({ limit: '10mb' }))
  app.use(contractValidator(spec, true))
  // Any JSON answer builds the operation's response validators (every status at once); this one fails them.
  app.use((_req, res) => {
    res.status(200).json({})
  })
  const answered: ErrorRequestHandler = (_error, _req, res, _next) => {
    res.status(500).end()
  }
  app.use(answered)
  const unwarmed: string[] = []
  for (const request of requests) {
    const method = request.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'
    const sent = supertest(app)[method](request.path).set(request.headers)
    const res = await (request.body === undefined
      ? sent
      : sent.set('Content-Type', 'application/json').send(JSON.stringify(request.body)))
    // 200 or 500 (the empty answer broke the response schema): the request passed validation, so both compiled.
    if (res.status !== 200 && res.status !== 500)
      unwarmed.push(`${request.method} ${request.path}: ${res.status}`)
  }
  if (unwarmed.length > 0) throw new Error(`requests the validator refused: ${unwarmed.join('; ')}`)
}
