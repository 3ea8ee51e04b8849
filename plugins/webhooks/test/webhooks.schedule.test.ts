// The retry schedule (exponential backoff with equal jitter, capped, within the window), the settings that
// drive it, and the event types the spec lists.
import { expect } from 'chai'
import { ConfigError, loadConfig, pluginSettingsOf } from '../../../app/config.js'
import { loadSpec } from '../../../app/kernel/spec.js'
import { webhookEventTypes } from '../webhooks.events.js'
import { webhooksPlugin } from '../webhooks.plugin.js'
import { nextAttemptAfter, retryDelaySeconds } from '../webhooks.schedule.js'

const settings = { retryDelaySeconds: 5, retryMaxDelaySeconds: 3600 }

describe('webhook retry schedule', () => {
  it('doubles the step each attempt, waits between half and all of it, and never more than the cap', () => {
    const low = (attempt: number) => retryDelaySeconds(attempt, settings, () => 0)
    const high = (attempt: number) => retryDelaySeconds(attempt, settings, () => 1)
    expect([1, 2, 3, 4].map(high)).to.deep.equal([5, 10, 20, 40])
    expect([1, 2, 3, 4].map(low)).to.deep.equal([2.5, 5, 10, 20])
    expect(high(11)).to.equal(3600)
    expect(low(100)).to.equal(1800)
    expect(retryDelaySeconds(3, settings, () => 0.5)).to.equal(15)
  })

  it('schedules nothing past the retry window: 24 hours of attempts by default, then failed', () => {
    const webhooks = pluginSettingsOf(loadConfig({ NODE_ENV: 'test' }, [webhooksPlugin]), webhooksPlugin)
    expect(webhooks).to.deep.equal({
      timeoutMs: 10_000,
      retryDelaySeconds: 5,
      retryMaxDelaySeconds: 3600,
      retryWindowSeconds: 86_400,
    })
    const start = new Date('2026-01-01T00:00:00Z')
    const until = new Date(start.getTime() + webhooks.retryWindowSeconds * 1000)
    let now = start
    let attempt = 1
    for (let next = nextAttemptAfter(attempt, until, webhooks, now); next;) {
      now = next
      next = nextAttemptAfter(++attempt, until, webhooks, now)
    }
    // The last attempt falls within the window's last hour (the cap), and the count is bounded.
    expect(until.getTime() - now.getTime()).to.be.at.most(3600 * 1000)
    expect(attempt).to.be.within(12, 60)
    expect(nextAttemptAfter(1, start, webhooks, start)).to.equal(undefined)
  })

  it('refuses a cap below the first delay, and bounds each setting', () => {
    const load = (env: Record<string, string>) => () =>
      loadConfig({ NODE_ENV: 'test', ...env }, [webhooksPlugin])
    expect(load({ WEBHOOK_RETRY_DELAY_SECONDS: '60', WEBHOOK_RETRY_MAX_DELAY_SECONDS: '30' })).to.throw(
      ConfigError,
      /WEBHOOK_RETRY_MAX_DELAY_SECONDS: at least WEBHOOK_RETRY_DELAY_SECONDS/,
    )
    expect(load({ WEBHOOK_TIMEOUT_MS: '50' })).to.throw(ConfigError, /WEBHOOK_TIMEOUT_MS/)
    expect(load({ WEBHOOK_RETRY_WINDOW_SECONDS: '0' })).to.throw(ConfigError, /WEBHOOK_RETRY_WINDOW_SECONDS/)
  })

  it('lists in the spec exactly the event types a webhook can receive', () => {
    const spec = loadSpec() as unknown as { components: { schemas: Record<string, { enum?: string[] }> } }
    expect(spec.components.schemas.WebhookEventType!.enum).to.deep.equal([...webhookEventTypes])
  })
})
