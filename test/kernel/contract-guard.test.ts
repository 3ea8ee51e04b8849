import { expect } from 'chai'
import { buildRoutes, checkProblemBody, checkResponse } from '../../app/kernel/contract-guard.js'
import { makeSpecSchemas } from '../../app/kernel/spec-schemas.js'
import { listOperations, loadSpec } from '../../app/kernel/spec.js'
import { problemTypeUri } from '../../app/errors/catalog.js'

const spec = loadSpec()
const routes = buildRoutes(spec)
const toolId = '00000000-0000-4000-8000-000000000000'

const check = (method: string, path: string, status: number, errorCode?: string) =>
  checkResponse(spec, routes, method, path, status, errorCode)

describe('contract guard (checkResponse)', () => {
  it('builds one route per operation in the spec, matching its path with any parameter value', () => {
    expect(routes).to.have.length(listOperations(spec).length)
    const getTool = routes.filter(
      (route) => route.method === 'GET' && route.pattern.test(`/api/v1/tools/${toolId}`),
    )
    expect(getTool).to.have.length(1)
    expect(getTool[0]?.responses).to.include.keys('200', '404')
    expect(routes.some((route) => route.pattern.test('/api/v1/tools/a/b'))).to.equal(false)
  })

  describe('accepts documented responses', () => {
    it('accepts a documented success status without an error_code', () => {
      expect(check('GET', '/api/v1/tools', 200)).to.equal(undefined)
      expect(check('POST', '/api/v1/tools', 201)).to.equal(undefined)
      expect(check('DELETE', `/api/v1/tools/${toolId}`, 204)).to.equal(undefined)
      expect(check('GET', '/health', 200)).to.equal(undefined)
    })

    it('accepts GET /api/v1/tools/<uuid> answering 404 TOOL_NOT_FOUND', () => {
      expect(check('GET', `/api/v1/tools/${toolId}`, 404, 'TOOL_NOT_FOUND')).to.equal(undefined)
    })

    it('accepts codes from shared responses and from inline ones', () => {
      expect(check('POST', '/api/v1/tools', 400, 'MALFORMED_JSON')).to.equal(undefined)
      expect(check('GET', '/api/v1/agents', 401, 'INVALID_API_KEY')).to.equal(undefined)
      expect(check('DELETE', `/api/v1/tools/${toolId}`, 409, 'TOOL_IN_USE')).to.equal(undefined)
    })

    it('accepts a path with a trailing slash as the same operation', () => {
      expect(check('GET', '/api/v1/tools/', 200)).to.equal(undefined)
    })

    it('accepts HEAD where the path has a GET', () => {
      expect(check('HEAD', '/health', 200)).to.equal(undefined)
    })

    it('accepts 404 NOT_FOUND for a path the API does not have', () => {
      expect(check('GET', '/api/v1/nothing-here', 404, 'NOT_FOUND')).to.equal(undefined)
      expect(check('POST', '/', 404, 'NOT_FOUND')).to.equal(undefined)
    })

    it('accepts PUT /api/v1/tools answering 405 METHOD_NOT_ALLOWED', () => {
      expect(check('PUT', '/api/v1/tools', 405, 'METHOD_NOT_ALLOWED')).to.equal(undefined)
    })

    it('leaves /openapi.yaml and /docs to themselves', () => {
      expect(check('GET', '/openapi.yaml', 200)).to.equal(undefined)
      expect(check('GET', '/docs/', 200)).to.equal(undefined)
      expect(check('GET', '/docs/swagger-ui.css', 200)).to.equal(undefined)
    })
  })

  describe('flags responses the spec does not document', () => {
    it('flags a status the operation does not document', () => {
      expect(check('GET', '/api/v1/tools', 404, 'TOOL_NOT_FOUND')).to.equal(
        'status 404 is not documented for this operation',
      )
      expect(check('GET', '/health', 503, 'SERVICE_UNAVAILABLE')).to.equal(
        'status 503 is not documented for this operation',
      )
      expect(check('GET', '/health', 204)).to.equal('status 204 is not documented for this operation')
    })

    it('flags an error_code that the response for that status does not list', () => {
      expect(check('GET', `/api/v1/tools/${toolId}`, 404, 'AGENT_NOT_FOUND')).to.equal(
        'error_code AGENT_NOT_FOUND is not in x-error-codes of response 404',
      )
      expect(check('GET', `/api/v1/tools/${toolId}`, 404, 'NOT_FOUND')).to.equal(
        'error_code NOT_FOUND is not in x-error-codes of response 404',
      )
      expect(check('POST', '/api/v1/tools', 409, 'CONFLICT')).to.equal(
        'error_code CONFLICT is not in x-error-codes of response 409',
      )
    })

    it('flags an error response without an error_code', () => {
      expect(check('GET', `/api/v1/tools/${toolId}`, 404)).to.equal('an error response without error_code')
      expect(check('GET', '/api/v1/tools', 500)).to.equal('an error response without error_code')
    })

    it('flags a 404 for an unknown path that is not NOT_FOUND', () => {
      expect(check('GET', '/api/v1/nothing-here', 404, 'TOOL_NOT_FOUND')).to.match(
        /^no operation matches; expected NOT_FOUND/,
      )
      expect(check('GET', '/api/v1/nothing-here', 404)).to.match(/^no operation matches; expected NOT_FOUND/)
    })

    it('flags a path segment too many as an unknown path rather than matching the shorter one', () => {
      expect(check('GET', `/api/v1/tools/${toolId}/extra`, 404, 'TOOL_NOT_FOUND')).to.match(
        /expected NOT_FOUND/,
      )
    })

    it('flags a wrong method on a known path answered with anything but METHOD_NOT_ALLOWED', () => {
      expect(check('PUT', '/api/v1/tools', 404, 'NOT_FOUND')).to.match(
        /^no operation matches; expected METHOD_NOT_ALLOWED, got 404 NOT_FOUND/,
      )
      expect(check('POST', '/health', 500, 'INTERNAL_ERROR')).to.match(/expected METHOD_NOT_ALLOWED/)
    })
  })

  describe('checks problem bodies against the schema their response declares (checkProblemBody)', () => {
    const schemas = makeSpecSchemas(spec)
    const problem = (code: string, status: number, details: Record<string, unknown>) => ({
      type: problemTypeUri(code),
      title: 'a title',
      status,
      detail: 'what happened',
      instance: 'urn:request:1',
      error_code: code,
      details,
    })
    const checkBody = (method: string, path: string, status: number, body: unknown) =>
      checkProblemBody(spec, routes, schemas, { method, path }, status, body)
    const agent = { id: toolId, name: 'support' }

    it('accepts a problem whose details have the shape its code declares', () => {
      const inUse = problem('TOOL_IN_USE', 409, { dependent_agents: [agent] })
      expect(checkBody('DELETE', `/api/v1/tools/${toolId}`, 409, inUse)).to.deep.equal([])
      const tooLarge = problem('PAYLOAD_TOO_LARGE', 413, { limit_bytes: 65536 })
      expect(checkBody('POST', '/api/v1/tools', 413, tooLarge)).to.deep.equal([])
      expect(checkBody('GET', '/nothing', 404, problem('NOT_FOUND', 404, {}))).to.deep.equal([])
    })

    it("flags details of another shape, a missing member, an extra one, and a status not the code's", () => {
      const wrongShape = problem('TOOL_IN_USE', 409, { dependent_agents: ['support'] })
      expect(checkBody('DELETE', `/api/v1/tools/${toolId}`, 409, wrongShape)).not.to.be.empty
      const missing = problem('PAYLOAD_TOO_LARGE', 413, {})
      expect(checkBody('POST', '/api/v1/tools', 413, missing)).not.to.be.empty
      const extra = problem('TOOL_NOT_FOUND', 404, { id: toolId, secret: 'x' })
      expect(checkBody('GET', `/api/v1/tools/${toolId}`, 404, extra)).not.to.be.empty
      const wrongStatus = problem('TOOL_NOT_FOUND', 400, { id: toolId })
      expect(checkBody('GET', `/api/v1/tools/${toolId}`, 404, wrongStatus)).not.to.be.empty
    })

    it('flags a code the response does not list, even with valid details', () => {
      const other = problem('AGENT_NOT_FOUND', 404, { id: toolId })
      expect(checkBody('GET', `/api/v1/tools/${toolId}`, 404, other)).not.to.be.empty
    })
  })
})
