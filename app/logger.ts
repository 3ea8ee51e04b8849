import { pino, type Logger } from 'pino'
import type { Config } from './config.js'

export const createLogger = (config: Pick<Config, 'logLevel'>): Logger =>
  pino({
    level: config.logLevel,
    base: { service: 'mini-agent-platform' },
    // Secrets never reach the log, whatever a caller passes in.
    redact: {
      paths: ['req.headers["x-api-key"]', 'req.headers.authorization', '*.apiKey', '*.password'],
      censor: '[redacted]',
    },
  })
