// The documents the import tests use: a realistic shop API (path-item parameters, a $ref'd parameter,
// query and header parameters, a JSON body whose schema is $ref'd and nests another $ref, OpenAPI 3.0's
// nullable and readOnly, an operation without operationId), as YAML text and as a JSON object.
import { parse } from 'yaml'

export const shopYaml = `openapi: 3.0.3
info:
  title: Shop
  version: '1.0'
servers:
  - url: https://shop.example.com/api   # never used: base_url decides
paths:
  /stores/{storeId}/orders:
    parameters:
      - $ref: '#/components/parameters/StoreId'
    get:
      operationId: listOrders
      summary: List orders
      parameters:
        - name: status
          in: query
          schema: { type: string, enum: [open, closed] }
        - name: limit
          in: query
          description: Page size.
          schema: { type: integer, minimum: 1, maximum: 100 }
        - name: tags
          in: query
          schema: { type: array, items: { type: string } }
      responses:
        '200': { description: The orders }
    post:
      operationId: createOrder
      summary: Place an order
      description: Places an order in the store; the stock is reserved.
      parameters:
        - name: dryRun
          in: query
          schema: { type: boolean }
        - name: X-Request-Id
          in: header
          required: true
          schema: { type: string, maxLength: 64 }
        - name: session
          in: cookie
          schema: { type: string }
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: '#/components/schemas/NewOrder' }
      responses:
        '201': { description: Placed }
  /stores/{storeId}/orders/{orderId}:
    parameters:
      - $ref: '#/components/parameters/StoreId'
      - name: orderId
        in: path
        required: true
        schema: { type: integer, minimum: 1 }
    get:
      operationId: getOrder
      summary: Get an order
      responses:
        '200': { description: The order }
    delete:
      summary: Cancel an order
      responses:
        '204': { description: Cancelled }
components:
  parameters:
    StoreId:
      name: storeId
      in: path
      required: true
      description: The store.
      schema: { type: string }
  schemas:
    NewOrder:
      type: object
      required: [item, quantity, id]
      properties:
        id: { type: string, readOnly: true }
        item: { $ref: '#/components/schemas/Item' }
        quantity: { type: integer, minimum: 0, exclusiveMinimum: true }
        note: { type: string, nullable: true, example: leave at the door }
    Item:
      type: object
      required: [sku]
      properties:
        sku: { type: string, pattern: '^[A-Z]+$' }
`

export const shopObject = parse(shopYaml) as Record<string, unknown>

/** A minimal valid document with the given paths (3.1). */
export const documentWith = (paths: Record<string, unknown>, components: Record<string, unknown> = {}) => ({
  openapi: '3.1.0',
  info: { title: 'T', version: '1' },
  paths,
  components,
})

export const okResponses = { '200': { description: 'ok' } }
