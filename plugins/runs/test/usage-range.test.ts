// What one GET /usage may aggregate is bounded (issue 13, finding 6): a range of at most 366 days. A longer
// one is refused before anything is summed, with USAGE_RANGE_TOO_LARGE and what the bound is.
import { expect } from 'chai'
import { asTenant, createTestTenant } from '../../../test/helpers/api.js'
import { listOperations, loadSpec } from '../../../app/kernel/spec.js'
import { maxUsageRangeDays } from '../history.service.js'

const day = 86_400_000

describe('GET /api/v1/usage: the range bound', () => {
  let api: ReturnType<typeof asTenant>

  before(async () => {
    api = asTenant(await createTestTenant('usage-range'))
  })

  it('is the 366 days openapi.yaml states', () => {
    const usage = listOperations(loadSpec()).find((op) => op.operationId === 'getUsage')!
    expect(maxUsageRangeDays).to.equal(366)
    expect(usage.operation.description).to.include(`at most ${maxUsageRangeDays} days`)
  })

  it('refuses a range JavaScript cannot read (a leap second) from what PostgreSQL made of it', async () => {
    const res = await api
      .get('/api/v1/usage')
      .query({ from: '2020-01-01T00:00:00Z', to: '2024-06-30T23:59:60Z' })
    expect(res.body).to.deep.include({ error_code: 'USAGE_RANGE_TOO_LARGE' })
  })

  it('sums a range of exactly 366 days', async () => {
    const res = await api
      .get('/api/v1/usage')
      .query({ from: '2024-01-01T00:00:00Z', to: '2025-01-01T00:00:00Z', group_by: 'day' })
      .expect(200)
    expect(res.body).to.include({ from: '2024-01-01T00:00:00.000Z', to: '2025-01-01T00:00:00.000Z' })
  })

  it('refuses a range one microsecond longer, with the bound and the length asked for', async () => {
    const res = await api
      .get('/api/v1/usage')
      .query({ from: '2023-12-31T23:59:59.999999Z', to: '2025-01-01T00:00:00Z' })
      .expect(400)
    expect(res.body).to.deep.include({ error_code: 'USAGE_RANGE_TOO_LARGE' })
    expect(res.body.details).to.deep.equal({
      max_days: 366,
      requested_days: 367,
      from: '2023-12-31T23:59:59.999999Z',
      to: '2025-01-01T00:00:00Z',
    })
  })

  it('refuses all of time, and a from long ago without to (to is then now)', async () => {
    for (const query of [
      { from: '1970-01-01T00:00:00Z', to: '2030-01-01T00:00:00Z', group_by: 'day' },
      { from: new Date(Date.now() - 367 * day).toISOString() },
    ]) {
      const res = await api.get('/api/v1/usage').query(query).expect(400)
      expect(res.body, JSON.stringify(query)).to.deep.include({ error_code: 'USAGE_RANGE_TOO_LARGE' })
    }
  })

  it('keeps the default range (720 hours before to) and a range given by to alone', async () => {
    await api.get('/api/v1/usage').expect(200)
    await api.get('/api/v1/usage').query({ to: '2001-01-01T00:00:00Z' }).expect(200)
  })
})
