// The local patch of express-openapi-validator (patches/express-openapi-validator+5.6.2.patch) that puts
// under each operation's schemas only the components they reach, not the whole document, which Ajv walked on
// every compile (half of compiling all operations; 9.1 s -> 3.0 s for every request validator, 29 s -> 7.3 s
// for every response validator). Fails if the patch is not applied. That nothing reachable is left out of the
// real document is what the other tests show: a component missing there fails the operation's first request
// (500), and every operation is answered with responses validated in test/concurrency/pool-of-one.test.ts,
// test/contract/dredd.test.ts and test/security/bad-input.test.ts.
import { createRequire } from 'node:module'
import { expect } from 'chai'

type Document = { paths?: unknown; components?: Record<string, Record<string, unknown>> }
type ReachableDocument = (doc: Document, roots: unknown[]) => Document

const reachableDocument = (): ReachableDocument | undefined =>
  (
    createRequire(createRequire(import.meta.url).resolve('express-openapi-validator'))(
      './middlewares/util',
    ) as { reachableDocument?: ReachableDocument }
  ).reachableDocument

const kept = (doc: Document) =>
  Object.fromEntries(
    Object.entries(doc.components ?? {}).map(([kind, all]) => [kind, Object.keys(all).sort()]),
  )

describe('the validator schemas: only the components they reach', () => {
  const reach = () => {
    const found = reachableDocument()
    expect(found, 'the patch is applied').to.be.a('function')
    return found!
  }
  const doc: Document = {
    paths: { '/a': {} },
    components: {
      schemas: {
        Root: { type: 'object', properties: { child: { $ref: '#/components/schemas/Child' } } },
        Child: { type: 'array', items: { $ref: '#/components/schemas/Leaf' } },
        Leaf: { type: 'string' },
        Loop: { type: 'object', properties: { self: { $ref: '#/components/schemas/Loop' } } },
        Cat: { type: 'object' },
        Dog: { type: 'object' },
        'With/Slash': { type: 'integer' },
        Unused: { type: 'boolean' },
      },
      parameters: { Limit: { name: 'limit', in: 'query', schema: { $ref: '#/components/schemas/Leaf' } } },
    },
  }

  it('follows references transitively, through cycles, and leaves the rest and the paths out', () => {
    const reached = reach()(doc, [
      { $ref: '#/components/schemas/Root' },
      { $ref: '#/components/schemas/Loop' },
      { $ref: '#/components/schemas/With~1Slash' },
    ])
    expect(reached).to.not.have.property('paths')
    expect(kept(reached)).to.deep.equal({ schemas: ['Child', 'Leaf', 'Loop', 'Root', 'With/Slash'] })
    expect(reached.components!.schemas!.Root).to.equal(doc.components!.schemas!.Root)
  })

  it("follows a discriminator's mapping, by reference and by bare name", () => {
    const reached = reach()(doc, [
      {
        oneOf: [{ type: 'object' }],
        discriminator: { propertyName: 'kind', mapping: { cat: '#/components/schemas/Cat', dog: 'Dog' } },
      },
    ])
    expect(kept(reached)).to.deep.equal({ schemas: ['Cat', 'Dog'] })
  })

  it('keeps the whole document for a reference outside the components, or to one that is not there', () => {
    for (const ref of ['#/paths/~1a', '#/components/schemas/Missing']) {
      const reached = reach()(doc, [{ $ref: ref }])
      expect(reached.paths, ref).to.equal(doc.paths)
      expect(reached.components, ref).to.equal(doc.components)
    }
  })
})
