import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config.ts'

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(env)
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return (error as ConfigError).message
  }
  throw new Error('expected the configuration to be refused')
}

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = loadConfig({})
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      publicUrl: 'http://localhost:3000',
      databaseUrl: undefined,
      dataDir: path.resolve('./data'),
      sessionSecret: undefined,
      redisUrl: undefined,
      smtpUrl: undefined,
      trustProxy: false,
    })
  })

  it('derives PUBLIC_URL from PORT and drops a trailing slash from an explicit one', () => {
    expect(loadConfig({ PORT: '4100' }).publicUrl).toBe('http://localhost:4100')
    expect(loadConfig({ PUBLIC_URL: 'https://consult.example.org/' }).publicUrl).toBe(
      'https://consult.example.org',
    )
  })

  it('names a malformed PORT', () => {
    expect(problemsOf({ PORT: 'eighty' })).toMatch(/PORT must be a number/)
    expect(problemsOf({ PORT: '70000' })).toMatch(/PORT must be between 0 and 65535/)
  })

  it('names a malformed DATABASE_URL, PUBLIC_URL, REDIS_URL and SMTP_URL together', () => {
    const message = problemsOf({
      DATABASE_URL: 'mysql://localhost/x',
      PUBLIC_URL: 'localhost:3000',
      REDIS_URL: 'http://redis',
      SMTP_URL: 'mail.example.org',
    })
    expect(message).toMatch(/DATABASE_URL must be a postgres/)
    expect(message).toMatch(/PUBLIC_URL must be an http/)
    expect(message).toMatch(/REDIS_URL must be a redis/)
    expect(message).toMatch(/SMTP_URL must be an smtp/)
  })

  it('names a SESSION_SECRET that is too short', () => {
    expect(problemsOf({ SESSION_SECRET: 'short' })).toMatch(/SESSION_SECRET must be at least 32/)
  })

  it('names the variables production mode cannot do without', () => {
    const message = problemsOf({ NODE_ENV: 'production' })
    expect(message).toMatch(/SESSION_SECRET must be set/)
    expect(message).toMatch(/PUBLIC_URL must be set/)
  })

  it('names an unknown LOG_LEVEL and NODE_ENV', () => {
    expect(problemsOf({ LOG_LEVEL: 'loud' })).toMatch(/LOG_LEVEL/)
    expect(problemsOf({ NODE_ENV: 'staging' })).toMatch(/NODE_ENV/)
  })

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).port).toBe(3000)
  })

  it('reads TRUST_PROXY as a boolean, a hop count or a list', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true)
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1)
    expect(loadConfig({ TRUST_PROXY: 'loopback' }).trustProxy).toBe('loopback')
  })
})
