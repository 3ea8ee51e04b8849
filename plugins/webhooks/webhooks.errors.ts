// The webhooks plugin's error codes. None carries a secret: details name webhooks and deliveries only.
import { detailsObject, type ErrorDefinition } from '../../app/plugin-kit.js'
import { egressDeniedProblem } from '../egress/egress.js'

export const webhooksErrors = {
  WEBHOOKS_NOT_FOUND: {
    status: 404,
    kind: 'not_found',
    title: 'Webhook not found',
    details: detailsObject({ id: { $ref: '#/components/schemas/Uuid' } }),
  },
  WEBHOOKS_DELIVERY_NOT_FOUND: {
    status: 404,
    kind: 'not_found',
    title: 'Webhook delivery not found',
    details: detailsObject({ id: { $ref: '#/components/schemas/Uuid' } }),
  },
  /** details: {id, disabled_reason}. Sending to a disabled endpoint: enable it first (PATCH enabled: true). */
  WEBHOOKS_DISABLED: {
    status: 409,
    kind: 'conflict',
    title: 'The webhook is disabled',
    details: detailsObject({
      id: { $ref: '#/components/schemas/Uuid' },
      disabled_reason: {
        type: 'string',
        enum: ['receiver_gone', 'manual'],
        description: 'receiver_gone: the receiver answered 410 Gone; manual: disabled with PATCH.',
      },
    }),
  },
  // The shared definition (http tools and MCP servers answer it too): the URL's destination is refused.
  EGRESS_DENIED: egressDeniedProblem,
} as const satisfies Record<string, ErrorDefinition>

declare module '../../app/plugin-kit.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges the codes into ErrorCodes
  interface ErrorCodes extends Record<keyof typeof webhooksErrors, ErrorDefinition> {}
}
