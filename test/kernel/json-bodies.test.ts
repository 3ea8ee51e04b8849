// Per-operation body limits: BODY_LIMIT_BYTES for every operation, and more only where the spec declares
// x-body-limit-bytes (the OpenAPI import); a path without parameters is never matched by a templated one.
import { expect } from 'chai'
import express, { type ErrorRequestHandler } from 'express'
import supertest from 'supertest'
import { declaredBodyLimit, jsonBodies } from '../../app/http/json-bodies.js'
import { toProblem } from '../../app/http/problem.js'
import type { OpenApiDocument } from '../../app/kernel/spec.js'

const op = (operationId: string, limit?: number) => ({
  operationId,
  responses: {},
  ...(limit === undefined ? {} : { 'x-body-limit-bytes': limit }),
})

const spec = {
  paths: {
    '/items/{id}': { post: op('postItem', 4096), put: op('putItem') },
    '/items/import': { post: op('importItems') },
    '/bulk': { post: op('bulk', 8192) },
  },
  components: {},
} as unknown as OpenApiDocument

function app() {
  const server = express()
  server.use(jsonBodies(spec, 1024))
  server.use((req, res) => {
    res.json({ received: Buffer.byteLength(JSON.stringify(req.body)) })
  })
  const problems: ErrorRequestHandler = (error, _req, res, _next) => {
    const problem = toProblem(error, 'req-1', 1024)
    res.status(problem.status).json(problem.body)
  }
  server.use(problems)
  return supertest(server)
}

const bodyOf = (bytes: number) => ({ text: 'x'.repeat(bytes - '{"text":""}'.length) })

describe('per-operation JSON body limits (x-body-limit-bytes)', () => {
  it('gives the declared limit to its operation only, and BODY_LIMIT_BYTES to every other', async () => {
    const api = app()
    await api.post('/items/1').send(bodyOf(4096)).expect(200)
    await api.post('/bulk').send(bodyOf(8192)).expect(200)
    await api.post('/other').send(bodyOf(1024)).expect(200)
    const cases: [string, 'post' | 'put', number, number][] = [
      ['/items/1', 'post', 4097, 4096],
      ['/bulk', 'post', 8193, 8192],
      // Another method on the same path, and an unknown path: the default.
      ['/items/1', 'put', 1025, 1024],
      ['/other', 'post', 1025, 1024],
      // A path without parameters is its own operation, not /items/{id}.
      ['/items/import', 'post', 1025, 1024],
    ]
    for (const [path, method, bytes, limit] of cases) {
      const res = await api[method](path).send(bodyOf(bytes))
      expect(res.status, `${method} ${path}`).to.equal(413)
      expect(res.body.error_code).to.equal('PAYLOAD_TOO_LARGE')
      expect(res.body.details, `${method} ${path}`).to.deep.equal({ limit_bytes: limit })
    }
  })

  it('refuses a declared limit that is not an integer from 1024 to 16 MiB', () => {
    for (const bad of [100, 1.5, '2048', 17 * 1024 * 1024])
      expect(() => declaredBodyLimit({ 'x-body-limit-bytes': bad }, 'op')).to.throw(/x-body-limit-bytes/)
    expect(declaredBodyLimit({ 'x-body-limit-bytes': 2048 }, 'op')).to.equal(2048)
    expect(declaredBodyLimit({}, 'op')).to.equal(undefined)
  })
})
