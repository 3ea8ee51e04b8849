// The error and event types narrow once openapi.yaml discriminates them: checked by tsc (npm run typecheck)
// on operations shaped the way the spec will declare them, and run here on values of those shapes. Plus the
// event-stream parser on chunks cut anywhere.
import { expect } from 'chai'
import {
  ProblemError,
  readServerSentEvents,
  type EventUnion,
  type ProblemsOf,
} from '../../clients/typescript/src/index.js'

/** An operation whose 409 is discriminated by error_code, as the contract will declare it. */
interface DiscriminatedOperation {
  responses: {
    201: { content: { 'application/json': { id: string } } }
    409: {
      content: {
        'application/problem+json':
          | { status: 409; error_code: 'DUPLICATE_TOOL_NAME'; details: { name: string } }
          | { status: 409; error_code: 'IDEMPOTENCY_KEY_REUSED'; details: { key: string } }
      }
    }
    429: {
      content: {
        'application/problem+json': {
          status: 429
          error_code: 'RATE_LIMIT_EXCEEDED'
          details: { limit: number; window_seconds: number; retry_after_seconds: number }
        }
      }
    }
  }
}

function explain(error: ProblemError<ProblemsOf<DiscriminatedOperation>>): string {
  const problem = error.problem
  switch (problem.error_code) {
    case 'DUPLICATE_TOOL_NAME':
      return `taken: ${problem.details.name}`
    case 'RATE_LIMIT_EXCEEDED':
      return `wait ${problem.details.retry_after_seconds} s`
    case 'IDEMPOTENCY_KEY_REUSED':
      // @ts-expect-error the details of another code are not there
      return `reused ${problem.details.key}${String(problem.details.name)}`
  }
}

type RunEvents = EventUnion<{ 'response.delta': { delta: string }; 'execution.completed': { id: string } }>

function eventText(event: RunEvents): string {
  switch (event.event) {
    case 'response.delta':
      return event.data.delta
    case 'execution.completed':
      return event.data.id
  }
}

const stream = (chunks: string[]): ReadableStream<Uint8Array> =>
  new ReadableStream({
    start(controller) {
      const encoder = new TextEncoder()
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk))
      controller.close()
    },
  })

describe('typed client: types and event parsing', () => {
  it('narrows problem details by error_code when the spec discriminates them', () => {
    const response = new Response(null, { status: 409 })
    const duplicate = new ProblemError<ProblemsOf<DiscriminatedOperation>>(
      { status: 409, error_code: 'DUPLICATE_TOOL_NAME', details: { name: 'calc' } },
      response,
    )
    expect(explain(duplicate)).to.equal('taken: calc')
    const limited = new ProblemError<ProblemsOf<DiscriminatedOperation>>(
      {
        status: 429,
        error_code: 'RATE_LIMIT_EXCEEDED',
        details: { limit: 1, window_seconds: 60, retry_after_seconds: 7 },
      },
      new Response(null, { status: 429 }),
    )
    expect(explain(limited)).to.equal('wait 7 s')
  })

  it('narrows event data by event name when the spec maps them', () => {
    expect(eventText({ event: 'response.delta', data: { delta: 'Hi' } })).to.equal('Hi')
    expect(eventText({ event: 'execution.completed', data: { id: 'e1' } })).to.equal('e1')
  })

  it('parses an event stream cut at any byte, with comments, multi-line data and CRLF', async () => {
    const text =
      ': keep-alive\r\nevent: execution.created\r\ndata: {"id":"e1"}\r\n\r\n' +
      'event: response.delta\ndata: {"delta":\ndata: "a\\u00e9"}\n\n' +
      'data: plain\rid: 7\r\r' +
      'event: never-finished\ndata: x'
    const expected = [
      { event: 'execution.created', data: '{"id":"e1"}' },
      { event: 'response.delta', data: '{"delta":\n"a\\u00e9"}' },
      { event: 'message', data: 'plain', id: '7' },
    ]
    for (let cut = 0; cut <= text.length; cut++) {
      const events = []
      for await (const event of readServerSentEvents(stream([text.slice(0, cut), text.slice(cut)])))
        events.push(event)
      expect(events, `cut at ${cut}`).to.deep.equal(expected)
    }
  })
})
