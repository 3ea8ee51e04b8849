// Standard Webhooks signing (https://www.standardwebhooks.com/): a secret `whsec_<base64>`, and on every
// attempt the headers webhook-id (the delivery's id: the same on retries, for the receiver to dedupe),
// webhook-timestamp (now, in seconds: receivers refuse stale ones) and webhook-signature (v1,<HMAC-SHA256 of
// "id.timestamp.body">), computed by the standardwebhooks package that receivers verify with.
import { randomBytes } from 'node:crypto'
import { Webhook } from 'standardwebhooks'

/** 32 random bytes: within the spec's 24 to 64. */
export const newSigningSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`

/** The name the secret is encrypted under (the AAD): its ciphertext opens for this webhook only. */
export const secretNameOf = (webhookId: string): string => `webhook:${webhookId}`

export function signatureHeaders(
  secret: string,
  messageId: string,
  body: string,
  now: Date = new Date(),
): Record<string, string> {
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(messageId, now, body),
  }
}
