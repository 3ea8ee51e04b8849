// Mocha root hooks: one real stack for the whole run, and a contract check after every test.
import { expect } from 'chai'
import { drainContractViolations } from '../helpers/api.js'
import { startTestStack, stopTestStack } from './stack.js'
import { exitIfMissingPackage } from './system-package.js'

export async function mochaGlobalSetup(): Promise<void> {
  try {
    await startTestStack()
  } catch (error) {
    exitIfMissingPackage(error)
  }
}

export async function mochaGlobalTeardown(): Promise<void> {
  await stopTestStack()
}

export const mochaHooks = {
  afterEach(this: Mocha.Context): void {
    try {
      expect(drainContractViolations(), 'responses that break openapi.yaml').to.deep.equal([])
    } catch (error) {
      // Fails the test that got the responses, not this hook: mocha stops the whole run at a failing root
      // hook, which hid every later failure (the RLS tests that would have explained a wave of 500s).
      ;(this.test as Mocha.Hook).error(error)
    }
  },
}
