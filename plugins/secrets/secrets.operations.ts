// Thin handlers: the value goes from the validated body to the service and is never part of a reply.
import { pageRequest, type Operation } from '../../app/plugin-kit.js'
import type { SecretMetadata } from './secrets.repo.js'

/** What the API says about a secret: never its value. */
const view = (secret: SecretMetadata) => ({
  name: secret.name,
  created_at: secret.created_at,
  updated_at: secret.updated_at,
  last_used_at: secret.last_used_at,
})

export const listSecrets: Operation = async ({ query, services }) => {
  const page = await services.secretsService.list(pageRequest(query))
  return { status: 200, body: { ...page, items: page.items.map(view) } }
}

export const createSecret: Operation = async ({ body, services }) => {
  const { name, value } = body as { name: string; value: string }
  const created = await services.secretsService.create(name, value)
  return {
    status: 201,
    body: view(created),
    headers: { Location: `/api/v1/secrets/${encodeURIComponent(created.name)}` },
  }
}

export const replaceSecret: Operation = async ({ params, body, services }) => {
  const { value } = body as { value: string }
  return { status: 200, body: view(await services.secretsService.replace(params.name!, value)) }
}

export const deleteSecret: Operation = async ({ params, services }) => {
  await services.secretsService.delete(params.name!)
  return { status: 204 }
}
