// Audit events' details are typed per action in openapi.yaml (AuditEvent's oneOf), like problems' details.
import { expect } from 'chai'
import { makeSpecSchemas } from '../../app/kernel/spec-schemas.js'
import { loadSpec } from '../../app/kernel/spec.js'

const schemas = makeSpecSchemas(loadSpec())
const event = (action: string, details: Record<string, unknown>) => ({
  id: '4c7e9a2b-1d3f-4e5a-8b6c-7d8e9f0a1b2c',
  tenant_id: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
  seq: 3,
  actor: 'admin-api',
  action,
  target: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
  details,
  request_id: null,
  created_at: '2025-01-01T12:00:00.000Z',
})
const validate = (value: unknown) => schemas.validate('/components/schemas/AuditEvent', value)

describe('audit event details in openapi.yaml', () => {
  it('accepts the details each action is written with', () => {
    expect(validate(event('tenant.create', { name: 'Acme' }))).to.deep.equal([])
    expect(validate(event('tenant.suspend', { status: 'suspended' }))).to.deep.equal([])
    expect(validate(event('tenant.update', { monthly_token_budget: null }))).to.deep.equal([])
    expect(validate(event('tenant.delete', {}))).to.deep.equal([])
    expect(validate(event('key.rotate', { grace_seconds: 60 }))).to.deep.equal([])
    const failure = { reason: 'invalid_key', client_address: '203.0.113.7', count: 1 }
    expect(validate(event('auth.failure', failure))).to.deep.equal([])
    const summary = {
      ...failure,
      count: 41,
      coalesced: true,
      window_started_at: '2025-01-01T12:00:00.000Z',
      window_ended_at: '2025-01-01T12:01:00.000Z',
    }
    expect(validate(event('auth.failure', summary))).to.deep.equal([])
  })

  it("refuses details of another action's shape, an unknown action and extra members", () => {
    expect(validate(event('key.rotate', { name: 'ci' }))).not.to.deep.equal([])
    expect(validate(event('tenant.delete', { name: 'Acme' }))).not.to.deep.equal([])
    expect(validate(event('auth.failure', { reason: 'guessing', count: 1 }))).not.to.deep.equal([])
    expect(validate(event('tenant.explode', {}))).not.to.deep.equal([])
  })
})
