// The one module that encrypts and decrypts tenant secrets. Nothing else holds a key or a plaintext longer
// than it takes to hand it over.
//
//   master key (32 bytes, SECRETS_MASTER_KEY)  --HKDF-SHA256(salt, info: tenant id + key id)-->  tenant key
//   ciphertext = 0x01 | key id (8 bytes) | IV (12 random bytes) | AES-256-GCM(tenant key, IV, AAD) | tag (16)
//   AAD = format, tenant id and secret name: a ciphertext copied to another row or tenant does not decrypt.
//
// The key id is derived from the master key (HKDF with its own info), so it names the key without revealing
// it; rotation (secrets.rotation.ts) re-encrypts every ciphertext whose key id is not the current one.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'

const FORMAT = 0x01
const KEY_ID_BYTES = 8
const IV_BYTES = 12
const TAG_BYTES = 16
const HEADER_BYTES = 1 + KEY_ID_BYTES + IV_BYTES
const SALT = Buffer.from('mini-agent-platform/secrets/v1')

/** A ciphertext this keyring cannot open: unknown key, wrong tenant or name, or tampered with. No detail. */
export class SecretDecryptionError extends Error {
  override name = 'SecretDecryptionError'
  constructor(readonly reason: 'malformed' | 'unknown_key' | 'authentication_failed') {
    super(`the secret could not be decrypted (${reason})`)
  }
}

interface MasterKey {
  id: Buffer
  key: Buffer
}

const keyIdOf = (master: Buffer): Buffer =>
  Buffer.from(hkdfSync('sha256', master, SALT, 'key-id', KEY_ID_BYTES))

const tenantKey = (master: MasterKey, tenantId: string): Buffer =>
  Buffer.from(hkdfSync('sha256', master.key, SALT, `tenant:${tenantId}|key:${master.id.toString('hex')}`, 32))

const aad = (tenantId: string, name: string) =>
  Buffer.from(JSON.stringify(['secret', FORMAT, tenantId, name]))

export interface Keyring {
  /** The id (hex) of the key new ciphertexts are made with. */
  readonly currentKeyId: string
  /** Every key id this keyring can decrypt (current first). */
  readonly keyIds: readonly string[]
  encrypt(tenantId: string, name: string, plaintext: string): Buffer
  decrypt(tenantId: string, name: string, ciphertext: Uint8Array): string
  /** The key id (hex) a ciphertext was made with, or undefined when it is not one of ours. */
  keyIdOf(ciphertext: Uint8Array): string | undefined
}

/** A keyring over the current master key and, during a rotation, the previous one (decrypt only). */
export function makeKeyring(current: Buffer, previous?: Buffer): Keyring {
  const keys = [current, ...(previous ? [previous] : [])].map((key) => {
    if (key.length !== 32) throw new Error('a master key is exactly 32 bytes')
    return { id: keyIdOf(key), key }
  })
  const byId = new Map(keys.map((key) => [key.id.toString('hex'), key]))
  const head = keys[0]!
  const keyIdOfCiphertext = (ciphertext: Uint8Array): string | undefined =>
    ciphertext.length >= HEADER_BYTES + TAG_BYTES && ciphertext[0] === FORMAT
      ? Buffer.from(ciphertext.subarray(1, 1 + KEY_ID_BYTES)).toString('hex')
      : undefined
  return {
    currentKeyId: head.id.toString('hex'),
    keyIds: [...byId.keys()],
    keyIdOf: keyIdOfCiphertext,
    encrypt(tenantId, name, plaintext) {
      const iv = randomBytes(IV_BYTES)
      const cipher = createCipheriv('aes-256-gcm', tenantKey(head, tenantId), iv, {
        authTagLength: TAG_BYTES,
      })
      cipher.setAAD(aad(tenantId, name))
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
      return Buffer.concat([Buffer.of(FORMAT), head.id, iv, body, cipher.getAuthTag()])
    },
    decrypt(tenantId, name, ciphertext) {
      const keyId = keyIdOfCiphertext(ciphertext)
      if (keyId === undefined) throw new SecretDecryptionError('malformed')
      const master = byId.get(keyId)
      if (!master) throw new SecretDecryptionError('unknown_key')
      const bytes = Buffer.from(ciphertext)
      const iv = bytes.subarray(1 + KEY_ID_BYTES, HEADER_BYTES)
      const decipher = createDecipheriv('aes-256-gcm', tenantKey(master, tenantId), iv, {
        authTagLength: TAG_BYTES,
      })
      decipher.setAAD(aad(tenantId, name))
      decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES))
      try {
        return Buffer.concat([
          decipher.update(bytes.subarray(HEADER_BYTES, bytes.length - TAG_BYTES)),
          decipher.final(),
        ]).toString('utf8')
      } catch {
        throw new SecretDecryptionError('authentication_failed')
      }
    },
  }
}
