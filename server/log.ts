import { type Logger, pino } from 'pino'
import type { Config } from './config.ts'

/** The process logger: JSON lines on stdout, one dotted event name per line (`msg`). */
export type Log = Logger

/** Creates the process logger at the configured level. */
export function createLogger(config: Pick<Config, 'logLevel'>): Log {
  return pino({
    level: config.logLevel,
    base: { service: 'marginalia' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['password', '*.password', 'req.headers.cookie', 'headers.cookie'],
      censor: '[redacted]',
    },
  })
}
