// Checks server-sent events against openapi.yaml (tests only): each streaming response lists, in the
// x-sse-events extension of its text/event-stream media type, the schema of every event's data by name.
// Every event a test stream carries must be listed there and match its schema (Ajv, JSON Schema 2020-12).
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import { expect } from 'chai'
import { loadSpec } from '../../../app/kernel/spec.js'
import type { ServerSentEvent } from './sse.js'

const addFormats = addFormatsModule.default
const specId = 'https://spec.invalid/openapi'

type Json = Record<string, unknown>

let compiled: Map<string, Map<string, ValidateFunction>> | undefined

/** operationId -> event name -> validator of its data. */
function validators(): Map<string, Map<string, ValidateFunction>> {
  if (compiled) return compiled
  const spec = loadSpec() as unknown as Json
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats(ajv)
  // The refs inside the schemas ('#/components/schemas/...') resolve against this document.
  ajv.addSchema({ $id: specId, components: (spec.components as Json) ?? {} })
  compiled = new Map()
  for (const pathItem of Object.values(spec.paths as Record<string, Json>)) {
    for (const operation of Object.values(pathItem) as Json[]) {
      const responses = (operation?.responses ?? {}) as Record<string, Json>
      for (const response of Object.values(responses)) {
        const media = (response.content as Record<string, Json> | undefined)?.['text/event-stream']
        const events = media?.['x-sse-events'] as Record<string, { $ref: string }> | undefined
        if (!events) continue
        compiled.set(
          operation.operationId as string,
          new Map(
            Object.entries(events).map(([name, { $ref }]) => [
              name,
              ajv.compile({ $ref: `${specId}${$ref}` }),
            ]),
          ),
        )
      }
    }
  }
  return compiled
}

/** The event names an operation's stream may send, as openapi.yaml lists them. */
export const documentedEvents = (operationId: string): string[] => [
  ...(validators().get(operationId)?.keys() ?? []),
]

/** Fails unless every event is documented for the operation and its data matches the schema. */
export function expectEventsMatchSpec(operationId: string, events: readonly ServerSentEvent[]): void {
  const byName = validators().get(operationId)
  expect(byName, `x-sse-events of ${operationId}`).to.not.equal(undefined)
  expect(events, 'events').to.not.be.empty
  for (const [i, event] of events.entries()) {
    const validate = byName!.get(event.event)
    expect(validate, `event ${i} "${event.event}" is not in x-sse-events of ${operationId}`).to.not.equal(
      undefined,
    )
    const valid = validate!(event.data)
    expect(valid, `event ${i} ${event.event}: ${JSON.stringify(validate!.errors)}`).to.equal(true)
  }
}
