import { expect } from 'chai'
import { randomUUID } from 'node:crypto'
import { problemTypeUri } from '../../app/errors/catalog.js'
import { catalogErrors } from '../../plugins/catalog/catalog.errors.js'
import '../../plugins/index.js' // registers the plugins' error codes
import { appError } from '../../app/errors/domain-errors.js'
import { toProblem } from '../../app/http/problem.js'
import { createPool, type Sql } from '../../db/client.js'
import { anonymous, buildTestApp } from '../helpers/api.js'
import { freePort } from '../harness/stack.js'

const requestId = 'req-123'
const bodyLimitBytes = 64 * 1024

/** An object shaped like a postgres.js or Node error: only `code` matters to the mapping. */
const pgError = (code: string, message = `boom ${code}`) => Object.assign(new Error(message), { code })

describe('toProblem', () => {
  it('maps a domain error to its catalog status, code, type and title, with the request as instance', () => {
    const problem = toProblem(
      appError('TOOL_NOT_FOUND', 'No tool with this id.', { id: 'x' }),
      requestId,
      bodyLimitBytes,
    )
    expect(problem.status).to.equal(404)
    expect(problem.fault).to.equal(false)
    expect(problem.headers).to.deep.equal({})
    expect(problem.body).to.deep.equal({
      type: 'urn:mini-agent-platform:problem:TOOL_NOT_FOUND',
      title: catalogErrors.TOOL_NOT_FOUND.title,
      status: 404,
      detail: 'No tool with this id.',
      instance: 'urn:request:req-123',
      error_code: 'TOOL_NOT_FOUND',
      details: { id: 'x' },
    })
    expect(problem.body.type).to.equal(problemTypeUri('TOOL_NOT_FOUND'))
  })

  it('maps an unknown Error to 500 INTERNAL_ERROR without revealing its message or details', () => {
    const problem = toProblem(new Error('secret: password=hunter2 at db.internal'), requestId, bodyLimitBytes)
    expect(problem.status).to.equal(500)
    expect(problem.fault).to.equal(true)
    expect(problem.body).to.include({
      error_code: 'INTERNAL_ERROR',
      status: 500,
      instance: 'urn:request:req-123',
    })
    expect(problem.body.detail).not.to.include('hunter2')
    expect(problem.body.detail).not.to.include('secret')
    expect(problem.body.details).to.deep.equal({})
  })

  it('hides the message and details of a domain error raised as INTERNAL_ERROR', () => {
    const problem = toProblem(
      appError('INTERNAL_ERROR', 'query failed on table api_keys', { sql: 'select *' }),
      requestId,
      bodyLimitBytes,
    )
    expect(problem.body.detail).not.to.include('api_keys')
    expect(problem.body.details).to.deep.equal({})
  })

  it('maps a thrown non-Error value to 500 INTERNAL_ERROR', () => {
    for (const thrown of ['a string', null, undefined, 42, { message: 'plain object' }]) {
      const problem = toProblem(thrown, requestId, bodyLimitBytes)
      expect(problem.body.error_code, JSON.stringify(thrown)).to.equal('INTERNAL_ERROR')
      expect(problem.status, JSON.stringify(thrown)).to.equal(500)
    }
  })

  it('maps a unique violation (23505) to 409 CONFLICT', () => {
    const problem = toProblem(pgError('23505'), requestId, bodyLimitBytes)
    expect(problem.status).to.equal(409)
    expect(problem.body.error_code).to.equal('CONFLICT')
    expect(problem.fault).to.equal(false)
  })

  it('maps an invalid text representation (22P02) to 400 VALIDATION_ERROR', () => {
    const problem = toProblem(pgError('22P02'), requestId, bodyLimitBytes)
    expect(problem.status).to.equal(400)
    expect(problem.body.error_code).to.equal('VALIDATION_ERROR')
    expect(problem.body.details).to.deep.equal({ errors: [] })
  })

  it('maps a row-level-security refusal (42501) to 404 NOT_FOUND, never confirming the row exists', () => {
    const problem = toProblem(
      pgError('42501', 'new row violates row-level security policy for table "tools"'),
      requestId,
      bodyLimitBytes,
    )
    expect(problem.status).to.equal(404)
    expect(problem.body.error_code).to.equal('NOT_FOUND')
    expect(problem.body.detail).not.to.include('row-level')
  })

  it('accepts a plain object with a postgres code, as the driver may throw', () => {
    expect(toProblem({ code: '23505' }, requestId, bodyLimitBytes).body.error_code).to.equal('CONFLICT')
  })

  for (const code of ['ECONNREFUSED', '57P01', '08006', 'CONNECTION_ENDED']) {
    it(`maps a lost database (${code}) to 503 SERVICE_UNAVAILABLE with Retry-After`, () => {
      const problem = toProblem(pgError(code), requestId, bodyLimitBytes)
      expect(problem.status).to.equal(503)
      expect(problem.fault).to.equal(true)
      expect(problem.body.error_code).to.equal('SERVICE_UNAVAILABLE')
      expect(problem.body.details).to.deep.equal({ reason: 'database_unavailable' })
      expect(problem.headers).to.have.property('Retry-After', '1')
    })
  }

  it('maps an unknown postgres code to 500 INTERNAL_ERROR', () => {
    const problem = toProblem(
      pgError('42P01', 'relation "secret_table" does not exist'),
      requestId,
      bodyLimitBytes,
    )
    expect(problem.status).to.equal(500)
    expect(problem.body.error_code).to.equal('INTERNAL_ERROR')
    expect(problem.body.detail).not.to.include('secret_table')
  })

  it('adds WWW-Authenticate to INVALID_API_KEY', () => {
    const problem = toProblem(
      appError('INVALID_API_KEY', 'Provide a valid API key.'),
      requestId,
      bodyLimitBytes,
    )
    expect(problem.status).to.equal(401)
    expect(problem.headers).to.deep.equal({ 'WWW-Authenticate': 'ApiKey header="X-API-Key"' })
  })

  it('adds Retry-After to a SERVICE_UNAVAILABLE domain error too', () => {
    const problem = toProblem(appError('SERVICE_UNAVAILABLE', 'Busy.'), requestId, bodyLimitBytes)
    expect(problem.headers).to.have.property('Retry-After', '1')
  })

  it('maps body-parser errors: malformed JSON and a body over the limit', () => {
    const parseFailed = Object.assign(new Error('Unexpected end'), {
      type: 'entity.parse.failed',
      expose: true,
    })
    expect(toProblem(parseFailed, requestId, bodyLimitBytes).body).to.include({
      status: 400,
      error_code: 'MALFORMED_JSON',
    })
    const tooLarge = Object.assign(new Error('too large'), { type: 'entity.too.large', expose: true })
    const problem = toProblem(tooLarge, requestId, bodyLimitBytes)
    expect(problem.body).to.include({ status: 413, error_code: 'PAYLOAD_TOO_LARGE' })
    expect(problem.body.details).to.deep.equal({ limit_bytes: bodyLimitBytes })
  })
})

describe('a database that cannot be reached', () => {
  let sql: Sql

  before(async () => {
    sql = createPool(`postgres://map_app:x@127.0.0.1:${await freePort()}/map`, {
      max: 1,
      connectTimeoutSeconds: 1,
    })
  })

  after(async () => {
    await sql.end({ timeout: 1 })
  })

  it('answers 503 SERVICE_UNAVAILABLE problem+json with Retry-After, not 500, when the key lookup fails', async () => {
    const app = buildTestApp({ sql })
    const res = await anonymous(app)
      .get('/api/v1/tools')
      .set('X-API-Key', `map_${randomUUID()}`)
      .set('X-Request-Id', 'db-down-1')
    expect(res.status).to.equal(503)
    expect(res.headers['content-type']).to.match(/^application\/problem\+json/)
    expect(res.headers['retry-after']).to.equal('1')
    expect(res.body).to.include({
      error_code: 'SERVICE_UNAVAILABLE',
      status: 503,
      instance: 'urn:request:db-down-1',
    })
    expect(res.body.details).to.deep.equal({ reason: 'database_unavailable' })
  })
})
