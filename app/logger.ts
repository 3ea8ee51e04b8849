import { pino, type DestinationStream, type Logger } from 'pino'
import type { Config } from './config.js'

/** JSON lines on stdout, or on the destination given (the tests capture them). */
export const createLogger = (config: Pick<Config, 'logLevel'>, destination?: DestinationStream): Logger =>
  pino(
    {
      level: config.logLevel,
      base: { service: 'mini-agent-platform' },
      // Secrets never reach the log, whatever a caller passes in. Request lines (app/observability/http.ts)
      // carry no headers and no bodies at all; these paths catch what other log calls might pass.
      redact: {
        paths: [
          'req.headers["x-api-key"]',
          'req.headers.authorization',
          'headers["x-api-key"]',
          'headers.authorization',
          'apiKey',
          'token',
          'password',
          '*.apiKey',
          '*.token',
          '*.password',
          // Tenant secrets (plugins/secrets): their request bodies, should one ever be logged.
          'body.value',
          'req.body.value',
          'secretValue',
          '*.secretValue',
          'masterKey',
          '*.masterKey',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  )
