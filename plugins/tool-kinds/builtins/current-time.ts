// The current_time builtin: {timezone?} -> {iso, unix_ms, timezone, utc_offset}, from the host's clock.
import { toolError, type ToolResult } from '../tool-kind.js'
import type { Builtin } from './builtin.js'

export const currentTime: Builtin = {
  name: 'current_time',
  description: 'The current date and time, in UTC or in an IANA time zone such as "Europe/Paris".',
  inputSchema: {
    type: 'object',
    properties: {
      timezone: { type: 'string', minLength: 1, maxLength: 64, description: 'IANA name; default "UTC"' },
    },
    additionalProperties: false,
  },
  run(input, now = new Date()): ToolResult {
    const timezone = (input as { timezone?: string }).timezone ?? 'UTC'
    let parts: Intl.DateTimeFormatPart[]
    try {
      parts = formatter(timezone).formatToParts(now)
    } catch {
      return toolError('INVALID_TIMEZONE', `unknown time zone ${JSON.stringify(timezone)} (use an IANA name)`)
    }
    const part = (type: Intl.DateTimeFormatPartTypes): string =>
      parts.find((p) => p.type === type)?.value ?? ''
    // "GMT+02:00" / "GMT-09:30" / "GMT" (for UTC itself) -> "+02:00" / "-09:30" / "+00:00".
    const offset = part('timeZoneName').replace('GMT', '') || '+00:00'
    const millis = String(now.getUTCMilliseconds()).padStart(3, '0')
    const local = `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}:${part('second')}`
    return {
      output: {
        iso: `${local}.${millis}${offset === '+00:00' ? 'Z' : offset}`,
        unix_ms: now.getTime(),
        timezone: new Intl.DateTimeFormat('en-US', { timeZone: timezone }).resolvedOptions().timeZone,
        utc_offset: offset,
      },
    }
  },
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'longOffset',
  })
}
