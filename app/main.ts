// `npm start`: run the API until SIGTERM or SIGINT.
import { ConfigError, loadConfig } from './config.js'
import { createLogger } from './logger.js'
import { startServer } from './server.js'

let config
try {
  config = loadConfig()
} catch (error) {
  if (!(error instanceof ConfigError)) throw error
  process.stderr.write(`${error.message}\n`)
  process.exit(1)
}
const logger = createLogger(config)
try {
  const running = await startServer(config, logger)
  let stopping = false
  const shutdown = (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'signal received')
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed')
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))
} catch (error) {
  logger.fatal({ err: error }, 'failed to start')
  process.exit(1)
}
