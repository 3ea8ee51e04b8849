// Parses a text/event-stream body into its events (tests only).
import type { Test } from 'supertest'
export interface ServerSentEvent {
  event: string
  data: unknown
}

export const parseEvents = (text: string): ServerSentEvent[] =>
  text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const lines = block.split('\n')
      const event = lines.find((l) => l.startsWith('event: '))?.slice(7) ?? 'message'
      const data = lines
        .filter((l) => l.startsWith('data: '))
        .map((l) => l.slice(6))
        .join('\n')
      return { event, data: JSON.parse(data) as unknown }
    })

type StreamParser = Extract<Parameters<Test['parse']>[0], (res: never, callback: never) => void>

/** A supertest parser that keeps a text/event-stream body as text: `.buffer(true).parse(collectText)`. */
export const collectText: StreamParser = (response, done) => {
  let text = ''
  response.on('data', (chunk: Buffer) => (text += chunk.toString()))
  response.on('end', () => done(null, text))
}
