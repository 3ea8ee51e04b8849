// Retention of the event logs: the sweep deletes, for every tenant, the events of runs finished more than
// EVENT_RETENTION_DAYS ago, and nothing else (recent runs, runs still waiting for tool outputs). The
// function behind it refuses a retention under a day, and the settings are validated at boot.
import { expect } from 'chai'
import { asTenant, buildTestApp, createTestTenant, testConfig } from '../../../test/helpers/api.js'
import { testStack } from '../../../test/harness/stack.js'
import { ConfigError, pluginSettingsOf } from '../../../app/config.js'
import { runsPlugin } from '../runs.plugin.js'
import { createAgent, createTool, type Api } from './loop.helpers.js'

describe('the retention of event logs', function () {
  this.timeout(30_000)
  let built: ReturnType<typeof buildTestApp>
  before(() => {
    built = buildTestApp({ config: testConfig({ EVENT_RETENTION_DAYS: '30' }) })
  })

  const eventCount = async (executionId: string): Promise<number> => {
    const [row] = await testStack().superSql<{ n: number }[]>`
      select count(*)::int as n from execution_events where execution_id = ${executionId}`
    return row!.n
  }
  /** The run's last change, days ago (as if it had finished, or paused, then). */
  const age = (executionId: string, days: number) => testStack().superSql`
    update execution_logs set updated_at = now() - make_interval(days => ${days}) where id = ${executionId}`

  const finishedRun = async (api: Api): Promise<string> => {
    const agent = await createAgent(api, `plain-${Math.random()}`, [])
    return (await api.post(`/api/v1/agents/${agent}/run`).send({ model: 'gpt-4o', prompt: 'hi' }).expect(200))
      .body.id as string
  }
  const waitingRun = async (api: Api): Promise<string> => {
    const agent = await createAgent(api, `asker-${Math.random()}`, [
      await createTool(api, { name: 'ask_user' }),
    ])
    const res = await api
      .post(`/api/v1/agents/${agent}/run`)
      .send({ model: 'gpt-4o', prompt: 'use ask_user with {}' })
      .expect(200)
    expect(res.body.status).to.equal('requires_action')
    return res.body.id as string
  }

  it("deletes every tenant's events of runs finished past the retention, and only those", async () => {
    const api = asTenant(await createTestTenant(), built)
    const other = asTenant(await createTestTenant('other'), built)
    const old = await finishedRun(api)
    const theirsOld = await finishedRun(other)
    const recent = await finishedRun(api)
    const oldButWaiting = await waitingRun(api)
    await age(old, 31)
    await age(theirsOld, 45)
    await age(recent, 29)
    await age(oldButWaiting, 31)
    for (const id of [old, theirsOld, recent, oldButWaiting]) expect(await eventCount(id), id).to.be.above(0)
    const kept = { recent: await eventCount(recent), waiting: await eventCount(oldButWaiting) }

    const deleted = await built.container.cradle.runsEventRetentionSweep.sweepOnce()
    expect(deleted).to.be.at.least(4)
    expect(await eventCount(old)).to.equal(0)
    expect(await eventCount(theirsOld)).to.equal(0)
    expect(await eventCount(recent)).to.equal(kept.recent)
    expect(await eventCount(oldButWaiting)).to.equal(kept.waiting)
    // The executions themselves stay: only their logs go.
    await api.get(`/api/v1/executions/${old}`).expect(200)
    const page = await api.get(`/api/v1/executions/${old}/events`).expect(200)
    expect(page.body).to.deep.equal({ items: [], has_more: false, next_after: 0 })
  })

  it('refuses, to the app role, a retention under one day', async () => {
    const failure = await testStack().appSql`select app.delete_old_execution_events(0)`.then(
      () => 'succeeded',
      (error: Error) => error.message,
    )
    expect(failure).to.match(/retention_days must be at least 1/)
  })

  it('validates EVENT_RETENTION_DAYS and EVENT_FLUSH_MS at boot, naming the variable', () => {
    for (const [name, value] of [
      ['EVENT_RETENTION_DAYS', '0'],
      ['EVENT_RETENTION_DAYS', 'soon'],
      ['EVENT_FLUSH_MS', '5'],
      ['EVENT_FLUSH_MS', '-1'],
    ] as const) {
      expect(() => testConfig({ [name]: value }), `${name}=${value}`)
        .to.throw(ConfigError)
        .with.property('message')
        .that.includes(name)
    }
    const settings = pluginSettingsOf(testConfig(), runsPlugin)
    expect(settings.eventFlushMs).to.equal(250)
    expect(settings.eventRetentionDays).to.equal(30)
  })
})
