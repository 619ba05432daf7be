import path from 'node:path'
import { z } from 'zod'

/** The validated settings of one server process. The only module that reads `process.env`. */
export interface Config {
  env: 'development' | 'production' | 'test'
  port: number
  host: string
  /** The origin users reach, without a trailing slash (`https://marginalia.example.org`). */
  publicUrl: string
  /** A Postgres connection string, or undefined for the embedded database under `dataDir`. */
  databaseUrl: string | undefined
  /** Absolute path of the folder for the embedded database, uploads and the generated session secret. */
  dataDir: string
  /** Signs the session cookie; undefined means "generate once and keep it under dataDir". */
  sessionSecret: string | undefined
  redisUrl: string | undefined
  smtpUrl: string | undefined
  mailFrom: string
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
  /** True when LOG_LEVEL was given; `npm start` keeps the terminal quiet (warnings only) unless it was. */
  logLevelSet: boolean
  /** Express `trust proxy`: false, a hop count, or a list of addresses/subnets. */
  trustProxy: boolean | number | string
  /** Connections in the Postgres pool. */
  databasePoolSize: number
}

/** Thrown when the environment is invalid; its message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'ConfigError'
  }
}

const emptyAsUnset = (value: unknown) => (value === '' ? undefined : value)
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyAsUnset, schema.optional())

const postgresUrl = z.string().refine((value) => {
  try {
    return ['postgres:', 'postgresql:'].includes(new URL(value).protocol)
  } catch {
    return false
  }
}, 'must be a postgres:// or postgresql:// URL')

const httpOrigin = z.string().refine((value) => {
  try {
    const url = new URL(value)
    return ['http:', 'https:'].includes(url.protocol) && (url.pathname === '/' || url.pathname === '')
  } catch {
    return false
  }
}, 'must be an http:// or https:// origin such as https://marginalia.example.org (no path)')

const port = z.coerce
  .number({ message: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535')

const Env = z.object({
  NODE_ENV: optional(z.enum(['development', 'production', 'test'])),
  PORT: optional(port),
  HOST: optional(z.string().min(1)),
  PUBLIC_URL: optional(httpOrigin),
  DATABASE_URL: optional(postgresUrl),
  DATABASE_POOL_SIZE: optional(
    z.coerce.number().int().min(1, 'must be at least 1').max(100, 'must be at most 100'),
  ),
  DATA_DIR: optional(z.string().min(1)),
  SESSION_SECRET: optional(z.string().min(32, 'must be at least 32 characters long')),
  REDIS_URL: optional(
    z.string().refine((v) => /^rediss?:\/\/.+/.test(v), 'must be a redis:// or rediss:// URL'),
  ),
  SMTP_URL: optional(
    z.string().refine((v) => /^smtps?:\/\/.+/.test(v), 'must be an smtp:// or smtps:// URL'),
  ),
  MAIL_FROM: optional(z.string().min(3)),
  LOG_LEVEL: optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])),
  TRUST_PROXY: optional(z.string().min(1)),
})

function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === 'false') return false
  if (value === 'true') return true
  if (/^\d+$/.test(value)) return Number(value)
  return value
}

/**
 * Reads and validates the environment once, at start. Every variable of API.md's table is checked;
 * a bad one fails with a message that names it.
 */
export function loadConfig(environment: Record<string, string | undefined> = process.env): Config {
  const parsed = Env.safeParse(environment)
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`))
  }
  const env = parsed.data
  const nodeEnv = env.NODE_ENV ?? 'development'
  const listenPort = env.PORT ?? 3000
  const problems: string[] = []
  if (nodeEnv === 'production' && !env.SESSION_SECRET) {
    problems.push('SESSION_SECRET must be set when NODE_ENV is production (it is generated only for trials)')
  }
  if (nodeEnv === 'production' && !env.PUBLIC_URL) {
    problems.push('PUBLIC_URL must be set when NODE_ENV is production (it is the origin users reach)')
  }
  if (problems.length > 0) throw new ConfigError(problems)

  return {
    env: nodeEnv,
    port: listenPort,
    host: env.HOST ?? '127.0.0.1',
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${listenPort}`).replace(/\/+$/, ''),
    databaseUrl: env.DATABASE_URL,
    databasePoolSize: env.DATABASE_POOL_SIZE ?? 10,
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    sessionSecret: env.SESSION_SECRET,
    redisUrl: env.REDIS_URL,
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM ?? 'Marginalia <no-reply@localhost>',
    logLevel: env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info'),
    logLevelSet: env.LOG_LEVEL !== undefined,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
  }
}
