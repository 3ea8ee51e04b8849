// The kind's own checks of fields the contract also bounds (a caller that is not the API, e.g. a seed or
// an MCP import, reaches prepare directly).
import { expect } from 'chai'
import { DomainError } from '../../../app/plugin-kit.js'
import { createEgress, defaultEgressSettings } from '../../egress/egress.js'
import '../../tool-kinds/tool-kinds.plugin.js' // registers INVALID_TOOL_CONFIG, as loading the plugin does
import '../http-tools.plugin.js' // registers EGRESS_DENIED
import { readHttpConfig } from '../http-config.js'

const egress = createEgress(defaultEgressSettings)
const pointersOf = (http: unknown): string[] => {
  try {
    readHttpConfig({ http }, egress)
  } catch (error) {
    expect(error).to.be.instanceOf(DomainError)
    return ((error as DomainError).details as { errors: { pointer: string }[] }).errors.map((e) => e.pointer)
  }
  return expect.fail('accepted')
}

describe('http tool config', () => {
  it('bounds timeout_ms, max_response_bytes and the method, and refuses unknown fields', () => {
    const url = 'https://api.example.com/x'
    expect(pointersOf({ url, timeout_ms: 30_001 })).to.deep.equal(['/http/timeout_ms'])
    expect(pointersOf({ url, timeout_ms: 0 })).to.deep.equal(['/http/timeout_ms'])
    expect(pointersOf({ url, max_response_bytes: 1_048_577 })).to.deep.equal(['/http/max_response_bytes'])
    expect(pointersOf({ url, method: 'TRACE' })).to.deep.equal(['/http/method'])
    expect(pointersOf({ url, follow_redirects: true })).to.deep.equal(['/http/follow_redirects'])
    expect(pointersOf({ url, allowed_hosts: ['not a host'] })).to.deep.equal(['/http/allowed_hosts'])
    let deep: unknown = 'x'
    for (let i = 0; i < 10_000; i++) deep = [deep]
    expect(pointersOf({ url, method: 'POST', body: deep })).to.deep.equal(['/http/body'])
  })

  it('applies the defaults', () => {
    expect(readHttpConfig({ http: { url: 'https://api.example.com/{x}' } }, egress)).to.deep.equal({
      method: 'GET',
      url: 'https://api.example.com/{x}',
      headers: {},
      query: {},
      timeout_ms: 10_000,
      max_response_bytes: 65_536,
    })
  })

  it('refuses plain http when the operator does not allow it', () => {
    expect(() => readHttpConfig({ http: { url: 'http://api.example.com/' } }, egress))
      .to.throw(DomainError)
      .with.property('code', 'EGRESS_DENIED')
  })
})
