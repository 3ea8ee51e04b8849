// What the publishing tests share: listings, agents with tools, versions, and waiting for a validation.
import { randomUUID } from 'node:crypto'
import { expect } from 'chai'
import type { asTenant } from '../../../test/helpers/api.js'
import { until } from '../../runs/test/subscribers.helpers.js'
import { uniqueSlug } from './discover.fixtures.js'

export type Api = ReturnType<typeof asTenant>

export { uniqueSlug }

export async function createListing(api: Api, fields: Record<string, unknown> = {}) {
  const res = await api.post('/api/v1/marketplace/listings').send({
    slug: uniqueSlug(),
    name: 'Support triage',
    summary: 'Sorts incoming tickets',
    category: 'support',
    tags: ['tickets'],
    ...fields,
  })
  expect(res.status, JSON.stringify(res.body)).to.equal(201)
  return res.body as { slug: string; status: string; owned: boolean; [field: string]: unknown }
}

export async function createTool(api: Api, body: Record<string, unknown>): Promise<string> {
  const res = await api.post('/api/v1/tools').send({ description: 'A tool', ...body })
  expect(res.status, JSON.stringify(res.body)).to.equal(201)
  return res.body.id as string
}

export async function createAgent(
  api: Api,
  toolIds: string[] = [],
  fields: Record<string, unknown> = {},
): Promise<string> {
  const res = await api.post('/api/v1/agents').send({
    name: `agent-${randomUUID().slice(0, 8)}`,
    role: 'Triage',
    description: 'Sorts tickets',
    tool_ids: toolIds,
    ...fields,
  })
  expect(res.status, JSON.stringify(res.body)).to.equal(201)
  return res.body.id as string
}

/** POST .../versions: 202 validating, with its Location. */
export async function submitVersion(api: Api, slug: string, body: Record<string, unknown>) {
  const res = await api.post(`/api/v1/marketplace/listings/${slug}/versions`).send(body)
  expect(res.status, JSON.stringify(res.body)).to.equal(202)
  expect(res.body.status).to.equal('validating')
  expect(res.headers.location).to.equal(`/api/v1/marketplace/listings/${slug}/versions/${res.body.version}`)
  return res.body as Record<string, unknown>
}

export interface CheckEntry {
  check: string
  passed: boolean
  message: string
  details?: { failures?: Record<string, unknown>[] }
}

export interface VersionBody {
  listing: string
  version: string
  status: string
  yanked: boolean
  package_sha256: string
  report?: CheckEntry[]
  [field: string]: unknown
}

/** The version once its validation is over (published or rejected). */
export const settled = (api: Api, slug: string, version: string, timeoutMs = 30_000) =>
  until(
    `${slug}@${version} to be validated`,
    async () => {
      const res = await api.get(`/api/v1/marketplace/listings/${slug}/versions/${version}`)
      expect(res.status, JSON.stringify(res.body)).to.equal(200)
      return res.body.status === 'validating' ? undefined : (res.body as VersionBody)
    },
    timeoutMs,
  )

/** The report's entry for one check. */
export const entry = (version: VersionBody, check: string): CheckEntry => {
  const found = version.report?.find((e) => e.check === check)
  expect(found, `${check} in ${JSON.stringify(version.report)}`).to.not.equal(undefined)
  return found!
}

/** Creates an agent with the tools, submits it as a version and waits for the outcome. */
export async function publish(
  api: Api,
  slug: string,
  version: string,
  toolIds: string[],
  extra: Record<string, unknown> = {},
): Promise<VersionBody> {
  const agentId = await createAgent(api, toolIds)
  await submitVersion(api, slug, { version, agent_id: agentId, ...extra })
  return settled(api, slug, version)
}
