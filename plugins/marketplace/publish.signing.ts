// The platform's package signature: Ed25519 over the exact bytes served (the canonical JSON), detached in
// the `X-Package-Signature: ed25519=<base64>` header, so an installer holding the public key
// (GET /api/v1/marketplace/signing-key) can verify what it got with any Ed25519 library.
//
// Where the key comes from: MARKETPLACE_SIGNING_KEY (base64 of the 32-byte seed); without it, outside
// production with the embedded database, a seed generated once into marketplace-signing.key beside the data
// folder by the secrets plugin's secretsLocalKeys (as the secrets master key is); otherwise none (downloads
// answer 503 MARKETPLACE_SIGNING_KEY_UNAVAILABLE). Nothing here ever logs or returns the seed.
import { createHash, createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto'
import { appError, type BootCheck } from '../../app/plugin-kit.js'
import type { LocalKeys } from '../secrets/secrets.key-files.js'
import type { MarketplaceConfig } from './marketplace.config.js'

export type SigningKeySource = 'configured' | 'key-file' | 'none'

export interface PublicSigningKey {
  algorithm: 'ed25519'
  /** The first 16 hex digits of the SHA-256 of the raw public key: which key signed. */
  key_id: string
  /** The raw 32-byte public key, base64. */
  public_key: string
  /** The same key as SubjectPublicKeyInfo PEM (what node:crypto and OpenSSL read). */
  public_key_pem: string
}

export interface PackageSigner {
  readonly source: SigningKeySource
  /** The `X-Package-Signature` value for these exact bytes: `ed25519=<base64 of the 64-byte signature>`. */
  signatureHeader(bytes: Buffer): string
  publicKey(): PublicSigningKey
}

/** PKCS #8 DER of an Ed25519 private key is this prefix, then the 32-byte seed (RFC 8410). */
const pkcs8Prefix = Buffer.from('302e020100300506032b657004220420', 'hex')

/** The generated seed's file (plugins/secrets, secrets.key-files.ts), beside the embedded database. */
export const signingKeyFile = 'marketplace-signing.key'

const unavailable = () =>
  appError('MARKETPLACE_SIGNING_KEY_UNAVAILABLE', 'No key is configured to sign packages with.', {
    reason: 'no_signing_key',
  })

/** A signer for a 32-byte Ed25519 seed. */
export function signerFor(seed: Buffer, source: SigningKeySource): PackageSigner {
  const privateKey: KeyObject = createPrivateKey({
    key: Buffer.concat([pkcs8Prefix, seed]),
    format: 'der',
    type: 'pkcs8',
  })
  const publicKey = createPublicKey(privateKey)
  // SubjectPublicKeyInfo DER of Ed25519 is a 12-byte header, then the raw 32-byte key.
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(12)
  const described: PublicSigningKey = {
    algorithm: 'ed25519',
    key_id: createHash('sha256').update(raw).digest('hex').slice(0, 16),
    public_key: raw.toString('base64'),
    public_key_pem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
  }
  return {
    source,
    signatureHeader: (bytes) => `ed25519=${sign(null, bytes, privateKey).toString('base64')}`,
    publicKey: () => described,
  }
}

export function makePackageSigner({
  marketplaceConfig,
  secretsLocalKeys,
}: {
  marketplaceConfig: Pick<MarketplaceConfig, 'signingKey'>
  secretsLocalKeys: Pick<LocalKeys, 'readOrCreate'>
}): PackageSigner {
  const configured = marketplaceConfig.signingKey
  if (configured) return signerFor(configured, 'configured')
  const generated = secretsLocalKeys.readOrCreate(
    signingKeyFile,
    'generated the marketplace signing key (no MARKETPLACE_SIGNING_KEY)',
  )
  if (generated) return signerFor(generated, 'key-file')
  return {
    source: 'none',
    signatureHeader: () => {
      throw unavailable()
    },
    publicKey: () => {
      throw unavailable()
    },
  }
}

/** Says at boot when packages cannot be signed (downloads then answer 503), and where a generated key is. */
export const signingKeyBootCheck: BootCheck = {
  name: 'marketplace signing key',
  run: ({ marketplacePublishSigner: signer, logger }) => {
    if (signer.source === 'none') {
      logger.warn(
        'MARKETPLACE_SIGNING_KEY is not set: package downloads and the signing key answer 503 (set it to serve them)',
      )
    }
    return Promise.resolve()
  },
}
