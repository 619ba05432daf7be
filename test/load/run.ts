/**
 * `npm run bench`: prints the figures below and writes them into docs/benchmarks.md, between the markers.
 * Cold start to /readyz (embedded database fresh and reopened; the machine's Postgres when reachable) and the
 * gzipped initial JavaScript of the pages. Figures only: a benchmark never fails on a timing.
 */
import { readFile, writeFile } from 'node:fs/promises'
import os from 'node:os'
import pg from 'pg'
import { buildClientIfNeeded } from '../../server/cli/build-client.ts'
import { createTestDatabase } from '../support/database.ts'
import { initialJavaScript } from './bundle-size.ts'
import { coldStartEmbedded, timeColdStart } from './cold-start.ts'

const postgresUrl =
  process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres'
const benchmarksFile = new URL('../../docs/benchmarks.md', import.meta.url)
const port = 3950
const runs = 3

const ms = (value: number) => `${Math.round(value)} ms`
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 2000 })
  try {
    await client.connect()
    await client.end()
    return true
  } catch {
    return false
  }
}

async function coldStartPostgres(): Promise<{ fresh: number; warm: number }> {
  process.env.TEST_DATABASE_URL = postgresUrl
  const database = await createTestDatabase()
  try {
    const env = { DATABASE_URL: database.url }
    return { fresh: await timeColdStart(env, port), warm: await timeColdStart(env, port) }
  } finally {
    await database.drop()
  }
}

async function main(): Promise<void> {
  const lines: string[] = []
  const say = (line: string) => {
    console.log(line)
    lines.push(line)
  }
  say(
    `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}; median of ${runs} runs.`,
  )
  say('')
  say('| what | figure |')
  say('| --- | --- |')

  const embedded = []
  for (let i = 0; i < runs; i++) embedded.push(await coldStartEmbedded(port))
  say(
    `| cold start to /readyz, embedded database, fresh DATA_DIR (initdb + migrations) | ${ms(median(embedded.map((e) => e.fresh)))} |`,
  )
  say(
    `| cold start to /readyz, embedded database, existing DATA_DIR | ${ms(median(embedded.map((e) => e.reopen)))} |`,
  )

  if (await postgresReachable()) {
    const real = []
    for (let i = 0; i < runs; i++) real.push(await coldStartPostgres())
    say(
      `| cold start to /readyz, PostgreSQL, empty database (migrations) | ${ms(median(real.map((r) => r.fresh)))} |`,
    )
    say(`| cold start to /readyz, PostgreSQL, migrated database | ${ms(median(real.map((r) => r.warm)))} |`)
  } else {
    say(`| cold start to /readyz, PostgreSQL | not measured: no server at ${new URL(postgresUrl).host} |`)
  }

  await buildClientIfNeeded()
  const pages = initialJavaScript()
  for (const [page, size] of Object.entries(pages)) {
    say(
      `| initial JavaScript, ${page} page (${size.files} file${size.files === 1 ? '' : 's'}) | ${kb(size.gzipBytes)} gzip (${kb(size.rawBytes)} raw) |`,
    )
  }

  const document = await readFile(benchmarksFile, 'utf8')
  const start = '<!-- bench:start -->'
  const end = '<!-- bench:end -->'
  const before = document.slice(0, document.indexOf(start) + start.length)
  const after = document.slice(document.indexOf(end))
  await writeFile(benchmarksFile, `${before}\n${lines.join('\n')}\n${after}`)
  console.log('\nWritten to docs/benchmarks.md.')
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
