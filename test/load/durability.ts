/**
 * The long durability storm: writers type unique tokens into one draft while `marginalia serve` is killed with
 * SIGKILL at random moments and restarted, many times (test/support/durability-storm.ts; CI runs a short one in
 * test/integration/durability.test.ts). After each kill the stored state is read straight from PostgreSQL,
 * before any writer can send its tokens again: every token a writer was told is `saved` must be in it. Prints
 * the figures; `run.ts` records them in docs/benchmarks.md. Exits 1 if a promise was broken or the replicas
 * did not converge: unlike a timing, that is a failure.
 * Run alone: `npx tsx test/load/durability.ts [--writers 8] [--kills 20] [--seed N] [--json FILE]`
 */

import { writeFile } from 'node:fs/promises'
import { runDurabilityStorm, type StormReport } from '../support/durability-storm.ts'

process.env.TEST_DATABASE_URL ||= 'postgres://postgres@127.0.0.1:5432/postgres'

/** The long storm's shape: a kill every 0.5–2.5 s of typing, each writer typing every 10 ms. */
export const longStorm = {
  writers: 8,
  kills: 20,
  stormMs: { min: 500, max: 2500 },
  typeEveryMs: 10,
  downMs: 200,
}

/** Runs the long storm over a fresh database of its own. */
export async function runLongStorm(
  options: { writers?: number; kills?: number; seed?: number } = {},
): Promise<StormReport> {
  // test/support/database.ts reads TEST_DATABASE_URL when first imported: import it only once it is set.
  const { createTestDatabase } = await import('../support/database.ts')
  const database = await createTestDatabase({ migrated: true })
  try {
    return await runDurabilityStorm({
      ...longStorm,
      writers: options.writers ?? longStorm.writers,
      kills: options.kills ?? longStorm.kills,
      seed: options.seed ?? Date.now() % 1_000_000,
      databaseUrl: database.url,
      log: (line) => console.log(`  ${line}`),
    })
  } finally {
    await database.drop()
  }
}

/** True when no promise was broken and everything converged. */
export function stormPassed(report: StormReport): boolean {
  return report.lost.length === 0 && report.missing === 0 && report.converged
}

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? 0
const count = (n: number) => n.toLocaleString('en')

/** The Markdown table for docs/benchmarks.md. */
export function durabilityRows(report: StormReport): string[] {
  const ready = report.restarts.map((r) => r.readyMs)
  const resynced = report.restarts.map((r) => r.resyncedMs)
  const { min, max } = longStorm.stormMs
  return [
    '| what | figure |',
    '| --- | --- |',
    `| storm | ${report.writers} writers (stock y-websocket clients), each typing a token every ${longStorm.typeEveryMs} ms; SIGKILL after ${min / 1000}–${max / 1000} s of typing, ${report.kills} times (seed ${report.seed}); ${(report.durationMs / 1000).toFixed(0)} s in all |`,
    `| tokens typed | ${count(report.typed)} |`,
    `| tokens told \`saved\` before their server was killed | ${count(report.confirmedBeforeKills)} (${count(report.confirmed)} by the end) |`,
    `| tokens told \`saved\` but missing from PostgreSQL right after a kill or at the end | ${report.lost.length === 0 ? '0' : `**${count(report.lost.length)}**`} |`,
    `| tokens typed but not stored at the end (after every writer reconnected and heard \`saved\`) | ${report.missing === 0 ? '0' : `**${count(report.missing)}**`} |`,
    `| every writer's draft equals the stored one | ${report.converged ? 'yes' : '**no**'} |`,
    `| restart to \`/readyz\` | p50 ${Math.round(percentile(ready, 0.5))} ms, max ${Math.round(Math.max(...ready))} ms |`,
    `| restart to every writer synced again | p50 ${Math.round(percentile(resynced, 0.5))} ms, max ${Math.round(Math.max(...resynced))} ms |`,
    `| stored at the end | ${report.hasSnapshot ? 'a snapshot and ' : ''}${count(report.storedRows)} update-log rows |`,
    `| result | ${stormPassed(report) ? 'passed' : '**FAILED**'} |`,
  ]
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const argument = (name: string) => {
    const at = process.argv.indexOf(`--${name}`)
    return at === -1 ? undefined : Number(process.argv[at + 1])
  }
  runLongStorm({ writers: argument('writers'), kills: argument('kills'), seed: argument('seed') }).then(
    async (report) => {
      console.log(durabilityRows(report).join('\n'))
      if (report.lost.length > 0) console.error(`lost: ${report.lost.slice(0, 20).join(', ')}`)
      const json = process.argv.indexOf('--json')
      if (json !== -1) await writeFile(process.argv[json + 1]!, JSON.stringify(report))
      process.exit(stormPassed(report) ? 0 : 1)
    },
    (error: unknown) => {
      console.error(error)
      process.exit(1)
    },
  )
}
