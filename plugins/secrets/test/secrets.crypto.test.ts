// The secrets module's cryptography on its own: round trip, binding to tenant and name (AAD), tampering,
// key ids and rotation keyrings, the key file of the embedded default, and the configuration's checks.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect } from 'chai'
import { pino } from 'pino'
import { ConfigError, loadConfig } from '../../../app/config.js'
import { makeKeyring, SecretDecryptionError } from '../secrets.crypto.js'
import { keyFilePath, makeSecretsKeyring } from '../secrets.keyring.js'
import {
  findSecretReferences,
  findSecretReferencesIn,
  substituteSecretReferences,
} from '../secrets.references.js'
import { resolvedSecrets } from '../secrets.resolver.js'
import { testConfig } from '../../../test/helpers/api.js'

const tenantA = '11111111-1111-4111-8111-111111111111'
const tenantB = '22222222-2222-4222-8222-222222222222'

const reasonOf = (fn: () => unknown): string | undefined => {
  try {
    fn()
    return undefined
  } catch (error) {
    expect(error).to.be.instanceOf(SecretDecryptionError)
    return (error as SecretDecryptionError).reason
  }
}

describe('secrets crypto', () => {
  const keyring = makeKeyring(randomBytes(32))

  it('round-trips a value, with a fresh IV each time and no plaintext in the ciphertext', () => {
    const value = 'sk-live-ÄÖ-🔑-0123456789'
    const one = keyring.encrypt(tenantA, 'TOKEN', value)
    const two = keyring.encrypt(tenantA, 'TOKEN', value)
    expect(one.equals(two)).to.equal(false)
    expect(one.includes(Buffer.from(value))).to.equal(false)
    expect(keyring.decrypt(tenantA, 'TOKEN', one)).to.equal(value)
    expect(one[0]).to.equal(1)
    expect(keyring.keyIdOf(one)).to.equal(keyring.currentKeyId)
  })

  it('refuses a ciphertext moved to another tenant or another name (AAD), or tampered with', () => {
    const sealed = keyring.encrypt(tenantA, 'TOKEN', 'value')
    expect(reasonOf(() => keyring.decrypt(tenantB, 'TOKEN', sealed))).to.equal('authentication_failed')
    expect(reasonOf(() => keyring.decrypt(tenantA, 'OTHER', sealed))).to.equal('authentication_failed')
    const flipped = Buffer.from(sealed)
    flipped[flipped.length - 20]! ^= 1
    expect(reasonOf(() => keyring.decrypt(tenantA, 'TOKEN', flipped))).to.equal('authentication_failed')
    expect(reasonOf(() => keyring.decrypt(tenantA, 'TOKEN', Buffer.alloc(10)))).to.equal('malformed')
  })

  it('opens with the previous key while rotating, makes new ciphertexts with the current one only', () => {
    const oldKey = randomBytes(32)
    const newKey = randomBytes(32)
    const before = makeKeyring(oldKey)
    const sealed = before.encrypt(tenantA, 'TOKEN', 'value')
    const during = makeKeyring(newKey, oldKey)
    expect(during.decrypt(tenantA, 'TOKEN', sealed)).to.equal('value')
    expect(during.keyIds).to.deep.equal([during.currentKeyId, before.currentKeyId])
    expect(during.keyIdOf(during.encrypt(tenantA, 'TOKEN', 'v'))).to.equal(during.currentKeyId)
    expect(reasonOf(() => makeKeyring(newKey).decrypt(tenantA, 'TOKEN', sealed))).to.equal('unknown_key')
  })

  it('finds {{secrets.NAME}} references exactly, and substitutes them', () => {
    expect(
      findSecretReferences('Bearer {{secrets.A_1}} and {{secrets.B}} and {{secrets.A_1}}'),
    ).to.deep.equal(['A_1', 'B'])
    expect(findSecretReferences('{{ secrets.A }} {{secrets.1A}} {{secret.A}}')).to.deep.equal([])
    expect(
      findSecretReferencesIn({ headers: { a: '{{secrets.X}}' }, query: [{ k: '{{secrets.Y}}' }] }),
    ).to.deep.equal(['X', 'Y'])
    expect(substituteSecretReferences('Bearer {{secrets.X}}', new Map([['X', 'v']]))).to.equal('Bearer v')
    expect(() => substituteSecretReferences('{{secrets.Z}}', new Map())).to.throw('secret Z was not resolved')
  })

  it('gives consumers the resolved values with fill and redact: every occurrence, keys and depth, no empty match', () => {
    const secrets = resolvedSecrets(
      new Map([
        ['TOKEN', 's3cr3t'],
        ['EMPTY', ''],
      ]),
    )
    expect(secrets.get('TOKEN')).to.equal('s3cr3t')
    expect(secrets.fill('Bearer {{secrets.TOKEN}}{{secrets.EMPTY}}')).to.equal('Bearer s3cr3t')
    const echoed = { 's3cr3t-key': ['a s3cr3t, twice: s3cr3t', { deep: 's3cr3t' }], n: 3, nothing: null }
    expect(secrets.redact(echoed)).to.deep.equal({
      '[secret TOKEN]-key': ['a [secret TOKEN], twice: [secret TOKEN]', { deep: '[secret TOKEN]' }],
      n: 3,
      nothing: null,
    })
    // An empty value matches everywhere: it is never "redacted" into every gap of the text.
    expect(resolvedSecrets(new Map([['EMPTY', '']])).redact('text')).to.equal('text')
  })
})

describe('secrets master key', () => {
  const silent = pino({ level: 'silent' })

  it('without SECRETS_MASTER_KEY and with the embedded database, generates a 0600 key file once and logs it', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'map-secrets-'))
    const lines: string[] = []
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) })
    const config = {
      ...loadConfig({ NODE_ENV: 'development', EMBEDDED_PG_DIR: path.join(dir, 'postgres') }),
    }
    const first = makeSecretsKeyring({ config, logger })
    expect(first.source).to.equal('key-file')
    const file = keyFilePath(config)
    expect(file).to.equal(path.join(dir, 'secrets-master.key'))
    expect(statSync(file).mode & 0o777).to.equal(0o600)
    expect(lines.join('')).to.include('generated a master key for tenant secrets')
    expect(lines.join('')).to.not.include(readFileSync(file, 'utf8').trim())
    const again = makeSecretsKeyring({ config, logger: silent })
    expect(again.keyring!.currentKeyId).to.equal(first.keyring!.currentKeyId)
    expect(lines.filter((line) => line.includes('generated'))).to.have.length(1)
    // Only the key is left: the draft it was linked from is gone.
    expect(readdirSync(dir)).to.deep.equal(['secrets-master.key'])
    rmSync(dir, { recursive: true })
  })

  it('has no key in production or with an external database unless SECRETS_MASTER_KEY is set', () => {
    expect(
      makeSecretsKeyring({ config: testConfig({ SECRETS_MASTER_KEY: '' }), logger: silent }).source,
    ).to.equal('none')
    const key = randomBytes(32).toString('base64')
    expect(
      makeSecretsKeyring({ config: testConfig({ SECRETS_MASTER_KEY: key }), logger: silent }).source,
    ).to.equal('configured')
  })

  it('stops the boot on a bad key with one message naming the variable, never echoing the value', () => {
    for (const bad of ['not-base64-at-all-but-a-long-secret-string!!', randomBytes(16).toString('base64')]) {
      for (const variable of ['SECRETS_MASTER_KEY', 'SECRETS_MASTER_KEY_PREVIOUS']) {
        const env = { SECRETS_MASTER_KEY: randomBytes(32).toString('base64'), [variable]: bad }
        let message = ''
        try {
          loadConfig(env)
        } catch (error) {
          expect(error).to.be.instanceOf(ConfigError)
          message = (error as Error).message
        }
        expect(message).to.include(`${variable}:`).and.include('base64 of exactly 32 random bytes')
        expect(message).to.not.include(bad)
      }
    }
    expect(() => loadConfig({ SECRETS_MASTER_KEY_PREVIOUS: randomBytes(32).toString('base64') })).to.throw(
      ConfigError,
      'SECRETS_MASTER_KEY_PREVIOUS: set only with SECRETS_MASTER_KEY',
    )
  })
})
