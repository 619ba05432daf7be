/**
 * Durability: writers type unique tokens while the server is killed with SIGKILL and restarted, several
 * times. Every token a writer was told is saved must be in the stored state afterwards, and every replica
 * must converge. CI runs a modest storm; `npm run bench` runs a long one (test/load/durability.ts), both
 * through test/support/durability-storm.ts.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'
import { runDurabilityStorm } from '../support/durability-storm.ts'

const writers = 3
const kills = 5

let database: TestDatabase | undefined
afterAll(async () => {
  await database?.drop()
})

describe('durability under SIGKILL', () => {
  it('keeps every token a client was told is saved, across repeated kills, and converges', async () => {
    database = await createTestDatabase({ migrated: true })
    const report = await runDurabilityStorm({
      databaseUrl: database.url,
      writers,
      kills,
      stormMs: { min: 300, max: 500 },
      typeEveryMs: 5,
      downMs: 100,
      seed: 4,
    })
    expect(report.confirmedBeforeKills).toBeGreaterThan(writers * kills)
    expect(report.lost).toEqual([])
    expect(report.missing).toBe(0)
    expect(report.converged).toBe(true)
  }, 120_000)
})
