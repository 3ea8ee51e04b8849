// `npm test`'s first step: what every mocha lane needs from the machine, installed once before they start
// (test/lanes/lanes.cjs). Each lane's harness would otherwise find redis-server missing on a fresh machine
// and run apt-get at the same time as the other.
import { assertRedisInstalled } from './redis-server.js'
import { exitIfMissingPackage } from './system-package.js'

try {
  assertRedisInstalled()
} catch (error) {
  exitIfMissingPackage(error)
}
