// The local patch of express-openapi-validator (patches/express-openapi-validator+5.6.2.patch): its route
// lookup compiles each route's path regexp once, not for every route it tries on every request (it was
// ~4% of a search's CPU). Fails if the patch is not applied, e.g. after an install that skipped postinstall.
import { createRequire } from 'node:module'
import { expect } from 'chai'
import { asTenant, createTestTenant } from '../helpers/api.js'

interface PathToRegexpModule {
  pathToRegexp: (...args: unknown[]) => unknown
}

/** path-to-regexp as express-openapi-validator resolves it: the module object whose export it calls. */
const validatorsPathToRegexp = (): PathToRegexpModule =>
  createRequire(createRequire(import.meta.url).resolve('express-openapi-validator'))(
    'path-to-regexp',
  ) as PathToRegexpModule

describe('the request validator route lookup', () => {
  it('compiles no route regexp once routes have been seen', async () => {
    const tenant = await createTestTenant()
    const api = asTenant(tenant)
    const tool = await api.post('/api/v1/tools').send({ name: 'lookup', description: 'd' }).expect(201)
    const paths = ['/api/v1/history', `/api/v1/tools/${String(tool.body.id)}`, '/api/v1/limits']
    for (const path of paths) await api.get(path).expect(200)

    const module = validatorsPathToRegexp()
    const original = module.pathToRegexp
    let compiled = 0
    module.pathToRegexp = (...args: unknown[]) => {
      compiled++
      return original(...args)
    }
    try {
      for (const path of paths) await api.get(path).expect(200)
      // The templated route still yields its parameter, from the cached regexp.
      const again = await api.get(`/api/v1/tools/${String(tool.body.id)}`).expect(200)
      expect(again.body.id).to.equal(tool.body.id)
    } finally {
      module.pathToRegexp = original
    }
    expect(compiled, 'route regexps compiled per request').to.equal(0)
  })
})
