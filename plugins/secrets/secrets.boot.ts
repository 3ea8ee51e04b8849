// Production refuses to start without a master key while any secret exists: they could not be used, and
// a key set later by mistake (another one) would make them undecryptable without anyone noticing.
import type { BootCheck } from '../../app/plugin-kit.js'

export const secretsNeedAKey: BootCheck = {
  name: 'secrets master key',
  async run({ config, logger, sql, secretsKeyring }) {
    if (secretsKeyring.keyring) return
    const [row] = await sql<{ exist: boolean }[]>`select app.secrets_exist() as exist`
    if (!row?.exist) {
      logger.warn('SECRETS_MASTER_KEY is not set: creating or using tenant secrets answers 503')
      return
    }
    if (config.env === 'production') {
      throw new Error(
        'SECRETS_MASTER_KEY is not set but tenant secrets exist: set it (and SECRETS_MASTER_KEY_PREVIOUS while rotating) to start',
      )
    }
    logger.warn('SECRETS_MASTER_KEY is not set but tenant secrets exist: using them answers 503')
  },
}
