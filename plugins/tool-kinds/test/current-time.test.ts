import { expect } from 'chai'
import { currentTime } from '../builtins/current-time.js'

// A fixed instant: 2024-07-01T12:34:56.789Z (summer time in Paris, UTC-4 in New York).
const instant = new Date(Date.UTC(2024, 6, 1, 12, 34, 56, 789))
const run = (input: unknown, now = instant) =>
  (currentTime.run as (input: unknown, now: Date) => unknown)(input, now)

describe('the current_time builtin', () => {
  it('answers UTC by default: ISO time, unix milliseconds, the zone and its offset', () => {
    expect(run({})).to.deep.equal({
      output: {
        iso: '2024-07-01T12:34:56.789Z',
        unix_ms: instant.getTime(),
        timezone: 'UTC',
        utc_offset: '+00:00',
      },
    })
  })

  it('answers in an IANA time zone, with its offset on that date', () => {
    expect(run({ timezone: 'Europe/Paris' })).to.deep.equal({
      output: {
        iso: '2024-07-01T14:34:56.789+02:00',
        unix_ms: instant.getTime(),
        timezone: 'Europe/Paris',
        utc_offset: '+02:00',
      },
    })
    const winter = new Date(Date.UTC(2024, 0, 15, 3, 0, 0, 5))
    expect(run({ timezone: 'America/New_York' }, winter)).to.deep.include({
      output: {
        iso: '2024-01-14T22:00:00.005-05:00',
        unix_ms: winter.getTime(),
        timezone: 'America/New_York',
        utc_offset: '-05:00',
      },
    })
    expect((run({ timezone: 'Asia/Kolkata' }) as { output: { iso: string } }).output.iso).to.equal(
      '2024-07-01T18:04:56.789+05:30',
    )
  })

  it('uses the clock when no instant is given', () => {
    const before = Date.now()
    const { output } = currentTime.run({}) as { output: { unix_ms: number; iso: string } }
    expect(output.unix_ms).to.be.within(before, Date.now())
    expect(new Date(output.iso).getTime()).to.equal(output.unix_ms)
  })

  it('answers a tool error for a zone that does not exist', () => {
    expect(run({ timezone: 'Mars/Olympus_Mons' })).to.deep.equal({
      error: {
        code: 'INVALID_TIMEZONE',
        message: 'unknown time zone "Mars/Olympus_Mons" (use an IANA name)',
      },
    })
  })
})
