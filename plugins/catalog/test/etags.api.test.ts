// Lost-update protection for tools and agents (issue 16): every representation carries a strong ETag,
// If-Match makes PUT, PATCH and DELETE conditional (412 PRECONDITION_FAILED when stale), If-None-Match
// makes GET answer 304. The check and the write are one statement, so of concurrent writers holding the
// same ETag exactly one wins.
import { expect } from 'chai'
import { asTenant, createTestTenant } from '../../../test/helpers/api.js'
import { testStack } from '../../../test/harness/stack.js'

const missingId = '00000000-0000-4000-8000-000000000000'

type Api = ReturnType<typeof asTenant>
interface Res {
  status: number
  headers: Record<string, string>
  body: { id: string; error_code: string; details: Record<string, unknown> } & Record<string, unknown>
  text: string
}

/** A strong entity tag: a quoted string, no W/ prefix. */
const strongTag = /^"[\x21\x23-\x7E]+"$/

const etagOf = (res: { headers: Record<string, string> }): string => {
  const etag = res.headers.etag
  expect(etag, 'ETag header').to.be.a('string').and.match(strongTag)
  return etag!
}

const expectPreconditionFailed = (res: Res, currentEtag: string) => {
  expect(res.status, res.text).to.equal(412)
  expect(res.headers['content-type']).to.match(/^application\/problem\+json/)
  expect(res.body.error_code).to.equal('PRECONDITION_FAILED')
  expect(res.body.details).to.deep.equal({ current_etag: currentEtag })
}

/** The app's statements waiting for a lock right now. */
const lockWaits = async (): Promise<number> => {
  const [row] = await testStack().superSql<{ count: number }[]>`
    select count(*)::int as count from pg_stat_activity where usename = 'map_app' and wait_event_type = 'Lock'`
  return row!.count
}

/**
 * Sends the requests `fire` makes while the row is locked (by the superuser), and lets go only once at
 * least two of their writes wait for it: each of those has read the row at its old version by then, the
 * window in which a read-then-write check would let them all through. Only a check made by the write
 * itself refuses all but one.
 */
async function raceOnLockedRow<T>(table: 'tools' | 'agents', id: string, fire: () => Promise<T>): Promise<T> {
  let sent!: Promise<T>
  await testStack().superSql.begin(async (sql) => {
    await sql`select 1 from ${sql(table)} where id = ${id} for update`
    sent = fire()
    const started = Date.now()
    while ((await lockWaits()) < 2) {
      if (Date.now() - started > 10_000) throw new Error('the writes never waited for the locked row')
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  })
  return sent
}

describe('ETags and conditional requests', () => {
  let api: Api

  beforeEach(async () => {
    api = asTenant(await createTestTenant())
  })

  const createTool = async (name = 'tool'): Promise<{ id: string; etag: string }> => {
    const res = await api
      .post('/api/v1/tools')
      .send({ name, description: `${name} does things` })
      .expect(201)
    return { id: res.body.id as string, etag: etagOf(res) }
  }

  const currentEtag = async (path: string): Promise<string> => etagOf(await api.get(path).expect(200))

  describe('tools', () => {
    it('sends an ETag on create, GET, PATCH and PUT, a new one after every write', async () => {
      const { id, etag: created } = await createTool()
      const path = `/api/v1/tools/${id}`
      expect(await currentEtag(path)).to.equal(created)
      const patched = etagOf(await api.patch(path).send({ description: 'changed' }).expect(200))
      expect(patched).to.not.equal(created)
      expect(await currentEtag(path)).to.equal(patched)
      const replaced = etagOf(await api.put(path).send({ name: 'tool', description: 'again' }).expect(200))
      expect(replaced).to.not.equal(patched).and.not.equal(created)
      expect(await currentEtag(path)).to.equal(replaced)
      // A write that sets the same values is still a write: the tag moves on.
      const same = etagOf(await api.put(path).send({ name: 'tool', description: 'again' }).expect(200))
      expect(same).to.not.equal(replaced)
      // A definition change goes through the kind registry: it too gets a new tag.
      const redefined = etagOf(
        await api
          .patch(path)
          .send({ input_schema: { type: 'object' } })
          .expect(200),
      )
      expect(redefined).to.not.equal(same)
    })

    it('replays the ETag of the first answer for a create retried with its Idempotency-Key', async () => {
      const send = () =>
        api
          .post('/api/v1/tools')
          .set('Idempotency-Key', 'etag-replay')
          .send({ name: 'once', description: 'd' })
      const first = await send().expect(201)
      const replay = await send().expect(201)
      expect(replay.headers['idempotent-replayed']).to.equal('true')
      expect(etagOf(replay)).to.equal(etagOf(first))
      expect(await currentEtag(`/api/v1/tools/${first.body.id}`)).to.equal(etagOf(first))
    })

    it('answers If-None-Match with the current ETag (or *, or its weak form) 304 without a body', async () => {
      const { id, etag } = await createTool()
      const path = `/api/v1/tools/${id}`
      for (const value of [etag, '*', `W/${etag}`, `"other", ${etag}`]) {
        const res = await api.get(path).set('If-None-Match', value)
        expect(res.status, value).to.equal(304)
        expect(res.headers.etag).to.equal(etag)
        expect(res.text ?? '').to.equal('')
      }
      await api.patch(path).send({ description: 'changed' }).expect(200)
      const fresh = await api.get(path).set('If-None-Match', etag).expect(200)
      expect(fresh.body.description).to.equal('changed')
      expect(etagOf(fresh)).to.not.equal(etag)
    })

    it('refuses a PATCH, PUT or DELETE with a stale If-Match: 412 with the current ETag, nothing changed', async () => {
      const { id, etag: stale } = await createTool()
      const path = `/api/v1/tools/${id}`
      const current = etagOf(await api.patch(path).send({ description: 'second' }).expect(200))
      expectPreconditionFailed(
        await api.patch(path).set('If-Match', stale).send({ description: 'lost' }),
        current,
      )
      expectPreconditionFailed(
        await api
          .patch(path)
          .set('If-Match', stale)
          .send({ input_schema: { type: 'object' } }),
        current,
      )
      expectPreconditionFailed(
        await api.put(path).set('If-Match', stale).send({ name: 'tool', description: 'lost' }),
        current,
      )
      expectPreconditionFailed(await api.delete(path).set('If-Match', stale), current)
      const after = await api.get(path).expect(200)
      expect(after.body.description).to.equal('second')
      expect(etagOf(after)).to.equal(current)
    })

    it('applies a PATCH, PUT or DELETE whose If-Match names the current ETag', async () => {
      const { id, etag } = await createTool()
      const path = `/api/v1/tools/${id}`
      const patched = await api.patch(path).set('If-Match', etag).send({ description: 'second' }).expect(200)
      const replaced = await api
        .put(path)
        .set('If-Match', `"not-this-one", ${etagOf(patched)}`)
        .send({ name: 'tool', description: 'third' })
        .expect(200)
      expect(replaced.body.description).to.equal('third')
      await api.delete(path).set('If-Match', etagOf(replaced)).expect(204)
      await api.get(path).expect(404)
    })

    it('lets If-Match: * through for an existing tool, and answers 404 (not 412) for a missing one', async () => {
      const { id } = await createTool()
      await api.patch(`/api/v1/tools/${id}`).set('If-Match', '*').send({ description: 'any' }).expect(200)
      for (const res of [
        await api.patch(`/api/v1/tools/${missingId}`).set('If-Match', '*').send({ description: 'x' }),
        await api.patch(`/api/v1/tools/${missingId}`).set('If-Match', '"stale"').send({ description: 'x' }),
        await api.delete(`/api/v1/tools/${missingId}`).set('If-Match', '"stale"'),
      ]) {
        expect(res.status).to.equal(404)
        expect(res.body.error_code).to.equal('TOOL_NOT_FOUND')
      }
      await api.delete(`/api/v1/tools/${id}`).set('If-Match', '*').expect(204)
    })

    it('keeps If-Match optional: a PUT or PATCH without it changes the tool as before', async () => {
      const { id, etag } = await createTool()
      const res = await api
        .put(`/api/v1/tools/${id}`)
        .send({ name: 'tool', description: 'replaced' })
        .expect(200)
      expect(res.body.description).to.equal('replaced')
      expect(etagOf(res)).to.not.equal(etag)
    })

    it('compares If-Match strongly: the weak form of the current ETag does not match', async () => {
      const { id, etag } = await createTool()
      const res = await api
        .patch(`/api/v1/tools/${id}`)
        .set('If-Match', `W/${etag}`)
        .send({ description: 'x' })
      expectPreconditionFailed(res, etag)
    })

    it('refuses a malformed If-Match or If-None-Match with 400 VALIDATION_ERROR, not a silent write', async () => {
      const { id, etag } = await createTool()
      const path = `/api/v1/tools/${id}`
      // An entity tag is quoted: a bare token is not one (RFC 9110, section 8.8.3).
      for (const value of [etag.slice(1, -1), '"unterminated', '*, "a"', '"a" "b"']) {
        const res = await api.patch(path).set('If-Match', value).send({ description: 'x' })
        expect(res.status, value).to.equal(400)
        expect(res.body.error_code).to.equal('VALIDATION_ERROR')
        expect(res.body.details.errors.map((e: { path: string }) => e.path)).to.deep.equal([
          '/headers/if-match',
        ])
      }
      const get = await api.get(path).set('If-None-Match', 'bare')
      expect(get.status).to.equal(400)
      expect(get.body.error_code).to.equal('VALIDATION_ERROR')
      expect(await currentEtag(path)).to.equal(etag)
    })

    it('lets exactly one of 20 parallel PATCHes with the same If-Match win; the others are 412', async () => {
      const { id, etag } = await createTool()
      const path = `/api/v1/tools/${id}`
      const responses = (await raceOnLockedRow('tools', id, () =>
        Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            api
              .patch(path)
              .set('If-Match', etag)
              .send({ description: `writer ${i}` }),
          ),
        ),
      )) as unknown as Res[]
      const winners = responses.filter((res) => res.status === 200)
      expect(responses.map((res) => res.status).sort()).to.deep.equal([200, ...Array<number>(19).fill(412)])
      const winner = winners[0]!
      const current = await api.get(path).expect(200)
      expect(current.body.description).to.equal(winner.body.description)
      expect(etagOf(current)).to.equal(etagOf(winner))
      for (const res of responses.filter((r) => r.status === 412))
        expectPreconditionFailed(res, etagOf(winner))
      const [row] = await testStack().superSql<
        { version: number }[]
      >`select version from tools where id = ${id}`
      expect(row!.version).to.equal(2)
    })

    it('lets exactly one of 20 parallel definition PATCHes with the same If-Match win', async () => {
      const { id, etag } = await createTool()
      const responses = await raceOnLockedRow('tools', id, () =>
        Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            api
              .patch(`/api/v1/tools/${id}`)
              .set('If-Match', etag)
              .send({ input_schema: { type: 'object', properties: { [`p${i}`]: { type: 'string' } } } }),
          ),
        ),
      )
      expect(responses.map((res) => res.status).sort()).to.deep.equal([200, ...Array<number>(19).fill(412)])
    })

    it("answers another tenant's If-Match and If-None-Match 404, whatever the tag (no oracle)", async () => {
      const { id, etag } = await createTool()
      const other = asTenant(await createTestTenant('other'))
      const path = `/api/v1/tools/${id}`
      for (const res of [
        await other.patch(path).set('If-Match', etag).send({ description: 'stolen' }),
        await other.patch(path).set('If-Match', '"stale"').send({ description: 'stolen' }),
        await other.put(path).set('If-Match', '*').send({ name: 'x', description: 'stolen' }),
        await other.delete(path).set('If-Match', etag),
        await other.delete(path).set('If-Match', '"stale"'),
        await other.get(path).set('If-None-Match', etag),
        await other.get(path).set('If-None-Match', '*'),
      ]) {
        expect(res.status).to.equal(404)
        expect(res.body.error_code).to.equal('TOOL_NOT_FOUND')
        expect(res.headers.etag).to.equal(undefined)
      }
      expect(await currentEtag(path)).to.equal(etag)
    })
  })

  describe('agents', () => {
    const createAgent = async (toolIds: string[] = []): Promise<{ id: string; etag: string }> => {
      const res = await api
        .post('/api/v1/agents')
        .send({ name: 'agent', role: 'r', description: 'd', tool_ids: toolIds })
        .expect(201)
      return { id: res.body.id as string, etag: etagOf(res) }
    }

    it('sends an ETag on create, GET, PATCH and PUT, a new one after every write, links included', async () => {
      const tool = await createTool('t1')
      const { id, etag: created } = await createAgent()
      const path = `/api/v1/agents/${id}`
      expect(await currentEtag(path)).to.equal(created)
      const linked = etagOf(
        await api
          .patch(path)
          .send({ tool_ids: [tool.id] })
          .expect(200),
      )
      expect(linked).to.not.equal(created)
      expect(await currentEtag(path)).to.equal(linked)
      const replaced = etagOf(
        await api.put(path).send({ name: 'agent', role: 'r', description: 'd2', tool_ids: [] }).expect(200),
      )
      expect(replaced).to.not.equal(linked)
      expect(await currentEtag(path)).to.equal(replaced)
    })

    it("changes an agent's ETag when a linked tool's name or description changes (it is in the agent's body)", async () => {
      const linkedTool = await createTool('linked')
      const otherTool = await createTool('other')
      const agent = await createAgent([linkedTool.id])
      const unrelated = await api
        .post('/api/v1/agents')
        .send({ name: 'unrelated', role: 'r', description: 'd', tool_ids: [otherTool.id] })
        .expect(201)
      const agentPath = `/api/v1/agents/${agent.id}`
      await api.patch(`/api/v1/tools/${linkedTool.id}`).send({ name: 'renamed' }).expect(200)
      const afterRename = await api.get(agentPath).expect(200)
      expect(afterRename.body.tools[0].name).to.equal('renamed')
      expect(etagOf(afterRename)).to.not.equal(agent.etag)
      // The stale tag no longer matches: an agent edited from the old body is refused.
      expectPreconditionFailed(
        await api.patch(agentPath).set('If-Match', agent.etag).send({ role: 'x' }),
        etagOf(afterRename),
      )
      await api.patch(`/api/v1/tools/${linkedTool.id}`).send({ description: 'new words' }).expect(200)
      const afterDescription = await api.get(agentPath).expect(200)
      expect(etagOf(afterDescription)).to.not.equal(etagOf(afterRename))
      // Only what the agent shows counts: a tool's input_schema is not in the agent's body.
      await api
        .patch(`/api/v1/tools/${linkedTool.id}`)
        .send({ input_schema: { type: 'object' } })
        .expect(200)
      expect(await currentEtag(agentPath)).to.equal(etagOf(afterDescription))
      // An agent that does not link the renamed tool keeps its tag.
      expect(await currentEtag(`/api/v1/agents/${unrelated.body.id}`)).to.equal(etagOf(unrelated))
    })

    it('answers If-None-Match with the current ETag 304, and 200 once the links change', async () => {
      const tool = await createTool()
      const { id, etag } = await createAgent()
      const path = `/api/v1/agents/${id}`
      const res = await api.get(path).set('If-None-Match', etag).expect(304)
      expect(res.headers.etag).to.equal(etag)
      await api
        .patch(path)
        .send({ tool_ids: [tool.id] })
        .expect(200)
      const fresh = await api.get(path).set('If-None-Match', etag).expect(200)
      expect(fresh.body.tools.map((t: { id: string }) => t.id)).to.deep.equal([tool.id])
    })

    it('refuses a stale If-Match on PATCH, PUT and DELETE with 412, links and fields unchanged', async () => {
      const tool = await createTool()
      const { id, etag: stale } = await createAgent()
      const path = `/api/v1/agents/${id}`
      const current = etagOf(await api.patch(path).send({ description: 'second' }).expect(200))
      expectPreconditionFailed(
        await api
          .patch(path)
          .set('If-Match', stale)
          .send({ tool_ids: [tool.id] }),
        current,
      )
      expectPreconditionFailed(
        await api
          .put(path)
          .set('If-Match', stale)
          .send({ name: 'agent', role: 'r', description: 'lost', tool_ids: [tool.id] }),
        current,
      )
      expectPreconditionFailed(await api.delete(path).set('If-Match', stale), current)
      const after = await api.get(path).expect(200)
      expect(after.body).to.include({ description: 'second' })
      expect(after.body.tools).to.deep.equal([])
      await api.delete(path).set('If-Match', current).expect(204)
      const missing = await api.delete(path).set('If-Match', '*')
      expect(missing.status).to.equal(404)
      expect(missing.body.error_code).to.equal('AGENT_NOT_FOUND')
    })

    it('lets exactly one of 20 parallel PATCHes with the same If-Match win; the others are 412', async () => {
      const tools = [await createTool('a'), await createTool('b')]
      const { id, etag } = await createAgent()
      const responses = (await raceOnLockedRow('agents', id, () =>
        Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            api
              .patch(`/api/v1/agents/${id}`)
              .set('If-Match', etag)
              .send({ description: `writer ${i}`, tool_ids: [tools[i % 2]!.id] }),
          ),
        ),
      )) as unknown as Res[]
      expect(responses.map((res) => res.status).sort()).to.deep.equal([200, ...Array<number>(19).fill(412)])
      const winner = responses.find((res) => res.status === 200)!
      const current = await api.get(`/api/v1/agents/${id}`).expect(200)
      expect(current.body).to.deep.equal(winner.body)
      expect(etagOf(current)).to.equal(etagOf(winner))
    })

    it("answers another tenant's conditional requests on an agent 404 (no oracle)", async () => {
      const { id, etag } = await createAgent()
      const other = asTenant(await createTestTenant('other'))
      const path = `/api/v1/agents/${id}`
      for (const res of [
        await other.patch(path).set('If-Match', etag).send({ role: 'stolen' }),
        await other.patch(path).set('If-Match', '"stale"').send({ role: 'stolen' }),
        await other.delete(path).set('If-Match', etag),
        await other.get(path).set('If-None-Match', etag),
      ]) {
        expect(res.status).to.equal(404)
        expect(res.body.error_code).to.equal('AGENT_NOT_FOUND')
      }
      expect(await currentEtag(path)).to.equal(etag)
    })
  })
})
