import { createLogger } from '../../server/log.ts'

/** A silent logger for tests; set TEST_LOG_LEVEL=debug to see the server's lines. */
export const testLog = createLogger({
  logLevel: (process.env.TEST_LOG_LEVEL as 'debug' | undefined) ?? 'silent',
})
