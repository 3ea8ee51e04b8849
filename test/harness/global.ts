// Mocha root hooks: one real stack for the whole run, and a contract check after every test.
import { expect } from 'chai'
import { drainContractViolations } from '../helpers/api.js'
import { startTestStack, stopTestStack } from './stack.js'

export async function mochaGlobalSetup(): Promise<void> {
  await startTestStack()
}

export async function mochaGlobalTeardown(): Promise<void> {
  await stopTestStack()
}

export const mochaHooks = {
  afterEach(): void {
    const violations = drainContractViolations()
    expect(violations, 'responses that break openapi.yaml').to.deep.equal([])
  },
}
