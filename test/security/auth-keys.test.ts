import { expect } from 'chai'
import { createHash } from 'node:crypto'
import { anonymous, createTestTenant } from '../helpers/api.js'
import { testStack } from '../harness/stack.js'

const keyHash = (key: string) => createHash('sha256').update(key).digest()

describe('API keys', () => {
  it('are map_ followed by 43 base64url characters (256 random bits), and only their SHA-256 is stored', async () => {
    const tenant = await createTestTenant()
    expect(tenant.apiKey).to.match(/^map_[A-Za-z0-9_-]{43}$/)
    const rows = await testStack()
      .superSql`select key_hash from api_keys where tenant_id = ${tenant.tenantId}`
    expect(rows).to.have.length(1)
    expect(Buffer.compare(rows[0]!.key_hash as Buffer, keyHash(tenant.apiKey))).to.equal(0)
  })

  for (const [state, change] of [
    ['revoked', 'revoked_at = now()'],
    ['expired', `expires_at = now() - interval '1 second'`],
  ] as const) {
    it(`answers a key once ${state} with the same 401 as an unknown one`, async () => {
      const tenant = await createTestTenant()
      await anonymous().get('/api/v1/tools').set('X-API-Key', tenant.apiKey).expect(200)
      await testStack().superSql.unsafe(`update api_keys set ${change} where tenant_id = $1`, [
        tenant.tenantId,
      ])
      const [refused, unknown] = [
        await anonymous().get('/api/v1/tools').set('X-API-Key', tenant.apiKey),
        await anonymous()
          .get('/api/v1/tools')
          .set('X-API-Key', `map_${'x'.repeat(43)}`),
      ]
      expect(refused.status).to.equal(401)
      expect({ ...refused.body, instance: '' }).to.deep.equal({ ...unknown.body, instance: '' })
    })
  }
})
