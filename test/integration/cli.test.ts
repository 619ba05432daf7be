import { spawn } from 'node:child_process'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoAccounts, demoPassword } from '../../server/demo/accounts.ts'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'

let database: TestDatabase

beforeAll(async () => {
  database = await createTestDatabase()
})
afterAll(() => database?.drop())

function cli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/marginalia.js', ...args], {
      env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c) => {
      stdout += c
    })
    child.stderr.on('data', (c) => {
      stderr += c
    })
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

describe('the command line', () => {
  it('creates an admin account', async () => {
    const result = await cli([
      'create-user',
      '--email',
      'Chief@Test.Example',
      '--name',
      'Chief Admin',
      '--password',
      'a long password',
      '--country',
      'mu',
      '--admin',
    ])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toMatch(/Created admin account Chief@Test.Example/)
    const pool = new pg.Pool({ connectionString: database.url, max: 1 })
    const { rows } = await pool.query(
      "SELECT country, is_admin FROM users WHERE lower(email) = 'chief@test.example'",
    )
    await pool.end()
    expect(rows[0]).toEqual({ country: 'MU', is_admin: true })
  })

  it('names each bad option of create-user, without a stack trace', async () => {
    const result = await cli(['create-user', '--email', 'nope', '--name', 'X', '--password', 'short'])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/--email: Enter a valid email address/)
    expect(result.stderr).toMatch(/--password: At least 10 characters/)
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })

  it('refuses a taken email', async () => {
    const result = await cli([
      'create-user',
      '--email',
      'chief@test.example',
      '--name',
      'Again',
      '--password',
      'a long password',
    ])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/already exists/)
  })

  it('seeds the demo twice without duplicating anything, and prints the accounts', async () => {
    const first = await cli(['seed-demo'])
    expect(first.code, first.stderr).toBe(0)
    for (const account of demoAccounts) expect(first.stdout).toContain(account.email)
    expect(first.stdout).toContain(demoPassword)
    const second = await cli(['seed-demo'])
    expect(second.code, second.stderr).toBe(0)
    const pool = new pg.Pool({ connectionString: database.url, max: 1 })
    const users = await pool.query("SELECT count(*)::int AS n FROM users WHERE email LIKE '%@demo.example'")
    const members = await pool.query('SELECT count(*)::int AS n FROM document_members')
    await pool.end()
    expect(users.rows[0].n).toBe(demoAccounts.length)
    expect(members.rows[0].n).toBe(demoAccounts.length)
  })

  it('fails with a message naming a malformed variable', async () => {
    const result = await cli(['migrate'], { PORT: 'eighty' })
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/PORT must be a number/)
  })
})
