// The committed client types are what openapi-typescript makes of today's openapi.yaml, and the generator
// reads the extensions the hand-written parts rely on.
import { readFileSync } from 'node:fs'
import { expect } from 'chai'
import {
  generatedTypesPath,
  renderClientTypes,
  specPath,
} from '../../clients/typescript/scripts/render-types.js'

describe('typed client: generated types', function () {
  this.timeout(60_000)

  it('are up to date with openapi.yaml (else: npm run client:generate)', async () => {
    const fresh = await renderClientTypes(readFileSync(specPath, 'utf8'))
    expect(
      readFileSync(generatedTypesPath, 'utf8') === fresh,
      'clients/typescript/src/generated/openapi.ts is stale',
    ).to.be.true
  })

  it('keep defaulted request fields optional: a run body needs no stream', () => {
    const text = readFileSync(generatedTypesPath, 'utf8')
    const runRequest = /RunRequest: \{[^}]*\}/s.exec(text)?.[0] ?? ''
    expect(runRequest).to.match(/stream\?: boolean/)
  })

  it('map x-sse-events to event data types and list the operations taking an Idempotency-Key', async () => {
    const spec = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /runs/{id}:
    parameters:
      - { name: id, in: path, required: true, schema: { type: string } }
    post:
      operationId: run
      parameters:
        - $ref: '#/components/parameters/Key'
      responses:
        '200':
          description: events
          content:
            text/event-stream:
              schema: { type: string }
              x-sse-events:
                run.created: { $ref: '#/components/schemas/Created' }
                note: { type: object }
  /plain:
    post:
      operationId: plain
      responses:
        '204': { description: none }
components:
  parameters:
    Key: { name: Idempotency-Key, in: header, schema: { type: string } }
  schemas:
    Created: { type: object, properties: { id: { type: string } } }
`
    const text = await renderClientTypes(spec)
    expect(text).to.include(`export type SseEvents = {
  "/runs/{id}": {
    post: {
      "run.created": components["schemas"]["Created"]
      "note": unknown
    }
  }
}`)
    expect(text).to.include(
      'export const idempotentOperations: readonly string[] = [\n  "POST /runs/{id}"\n]',
    )
  })

  it('fall back to an empty event map when the spec declares no x-sse-events', async () => {
    const text = await renderClientTypes(
      "openapi: 3.1.0\ninfo: { title: t, version: '1' }\npaths:\n  /a:\n    get:\n      responses:\n        '204': { description: none }\n",
    )
    expect(text).to.include('export type SseEvents = {}')
    expect(text).to.include('export const idempotentOperations: readonly string[] = []')
  })
})
