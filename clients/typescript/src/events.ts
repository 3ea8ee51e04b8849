// Server-sent events: a parser of the text/event-stream wire format, and their types from the generated
// `SseEvents` map (x-sse-events in openapi.yaml). An operation the map does not list yields
// `{ event: string; data: unknown }`.
import type { SseEvents } from './generated/openapi.js'

/** The data schema of each event an operation streams, by name; never when openapi.yaml has none. */
export type EventMap<Path, Method> = Path extends keyof SseEvents
  ? Method extends keyof SseEvents[Path]
    ? SseEvents[Path][Method]
    : never
  : never

/** `{ event, data }` for each entry of a map event name -> data type: a union discriminated by `event`. */
export type EventUnion<Map> = { [Name in keyof Map]: { event: Name; data: Map[Name] } }[keyof Map]

/** One event of the stream of `Method Path`: a union discriminated by `event` when openapi.yaml types them. */
export type StreamEvent<Path, Method> = [EventMap<Path, Method>] extends [never]
  ? { event: string; data: unknown }
  : EventUnion<EventMap<Path, Method>>

/** An event as sent: `data` is the text of its data lines joined by newlines. */
export interface RawServerSentEvent {
  event: string
  data: string
  id?: string
}

/** Parses a text/event-stream body (WHATWG HTML, "Parsing an event stream"). */
export async function* readServerSentEvents(
  body: ReadableStream<Uint8Array>,
): AsyncGenerator<RawServerSentEvent, void, undefined> {
  const decoder = new TextDecoder()
  let buffer = ''
  let event = ''
  let data: string[] = []
  let id: string | undefined
  const reader = body.getReader()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true })
      // A trailing \r may be half of a \r\n: keep it until the next chunk (or the end).
      const lines = buffer.split(/\r\n|\r(?!$)|\n/)
      buffer = done ? '' : (lines.pop() ?? '')
      for (const line of lines) {
        if (line === '') {
          if (data.length > 0)
            yield { event: event || 'message', data: data.join('\n'), ...(id ? { id } : {}) }
          event = ''
          data = []
          continue
        }
        if (line.startsWith(':')) continue
        const colon = line.indexOf(':')
        const field = colon === -1 ? line : line.slice(0, colon)
        const raw = colon === -1 ? '' : line.slice(colon + 1)
        const text = raw.startsWith(' ') ? raw.slice(1) : raw
        if (field === 'event') event = text
        else if (field === 'data') data.push(text)
        else if (field === 'id' && !text.includes('\0')) id = text
      }
      if (done) return
    }
  } finally {
    // Stops the download when the caller breaks out of the loop early.
    await reader.cancel().catch(() => undefined)
    reader.releaseLock()
  }
}

/** The events of a stream with their data parsed as JSON (kept as text when it is not JSON). */
export async function* parseEvents<Event>(
  body: ReadableStream<Uint8Array>,
): AsyncGenerator<Event, void, undefined> {
  for await (const raw of readServerSentEvents(body)) yield toEvent<Event>(raw)
}

function toEvent<Event>(raw: RawServerSentEvent): Event {
  let data: unknown = raw.data
  try {
    data = JSON.parse(raw.data)
  } catch {
    // not JSON: the text as sent
  }
  return typed<Event>({ event: raw.event, data })
}

/**
 * The one unchecked step: the server's events are trusted to match the schemas openapi.yaml gives them (the
 * server's own tests check that), as openapi-fetch trusts its JSON bodies.
 */
function typed<Event>(value: { event: string; data: unknown }): Event {
  return value as Event
}
