/**
 * `npm run bench`: prints the figures below and writes them into docs/benchmarks.md, between the markers.
 * Cold start to /readyz (embedded database fresh and reopened; the machine's Postgres when reachable) and the
 * gzipped initial JavaScript of the pages; then the collaboration load (test/load/collab-load.ts: Marginalia
 * against the bare y-websocket relay), as a quick smoke run, or at full size with BENCH_FULL=1; then the long
 * durability storm (test/load/durability.ts: SIGKILL mid-typing, every `saved` checked); then exports
 * and import of the 100-page draft with 2,000 threads (test/load/exports-load.ts); then the comment threads at
 * scale (test/load/threads-load.ts).
 * Figures only: a benchmark never fails on a timing.
 */
import { spawn } from 'node:child_process'
import { readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { buildClientIfNeeded } from '../../server/cli/build-client.ts'
import { initialJavaScript } from './bundle-size.ts'
import { coldStartEmbedded, timeColdStart } from './cold-start.ts'
import type { ScenarioResult } from './collab-load.ts'
import { formatCollabTables, targetVerdicts } from './collab-report.ts'

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
  // test/support/database.ts reads TEST_DATABASE_URL when first imported: import it only once it is set.
  const { createTestDatabase } = await import('../support/database.ts')
  const database = await createTestDatabase()
  try {
    const env = { DATABASE_URL: database.url }
    return { fresh: await timeColdStart(env, port), warm: await timeColdStart(env, port) }
  } finally {
    await database.drop()
  }
}

async function main(): Promise<void> {
  if (process.env.BENCH_COLLAB_ONLY === '1') return writeCollab()
  if (process.env.BENCH_EXPORTS_ONLY === '1') return writeExports()
  if (process.env.BENCH_THREADS_ONLY === '1') return writeThreads()
  if (process.env.BENCH_DURABILITY_ONLY === '1') return writeDurability()
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

  await writeFile(benchmarksFile, replaceBetween(await readFile(benchmarksFile, 'utf8'), 'bench', lines))
  console.log('\nWritten to docs/benchmarks.md.')
  await writeCollab()
  await writeDurability()
  await writeExports()
  await writeThreads()
}

/**
 * Exports and import at scale (test/load/exports-load.ts; BENCH_EXPORTS_ONLY=1 runs only this part), written
 * between the exports markers.
 */
async function writeExports(): Promise<void> {
  console.log('\nExports and import (the 100-page draft with 2,000 threads)')
  process.env.TEST_DATABASE_URL ||= postgresUrl
  const { exportsRows, runExportsLoad } = await import('./exports-load.ts')
  const figures = await runExportsLoad()
  const lines = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}; load average ${os.loadavg()[0]!.toFixed(1)} when done.`,
    '',
    ...exportsRows(figures),
  ]
  console.log(lines.join('\n'))
  await writeFile(benchmarksFile, replaceBetween(await readFile(benchmarksFile, 'utf8'), 'exports', lines))
  console.log('\nExports and import written to docs/benchmarks.md.')
}

/**
 * Comment threads at scale (test/load/threads-load.ts: the list API under 50 concurrent requests, anchor
 * resolution, the editor page in Chromium; BENCH_THREADS_ONLY=1 runs only this part), in a process of its own
 * (it pins itself to core 1, the server to core 0), written between the threads markers.
 */
async function writeThreads(): Promise<void> {
  console.log('\nComment threads at scale (the 100-page draft with 2,000 threads)')
  const json = path.join(os.tmpdir(), `threads-load-${process.pid}.json`)
  const status = await new Promise<number | null>((resolve) =>
    spawn(process.execPath, ['--import', 'tsx', 'test/load/threads-load.ts', '--json', json], {
      stdio: 'inherit',
      env: { ...process.env, TEST_DATABASE_URL: postgresUrl },
    }).once('exit', resolve),
  )
  if (status !== 0) {
    console.error(
      `the threads benchmark exited with ${status}: docs/benchmarks.md keeps its previous figures`,
    )
    process.exitCode = 1
    return
  }
  const { threadsRows } = await import('./threads-load.ts')
  const figures = JSON.parse(await readFile(json, 'utf8'))
  await rm(json, { force: true })
  const lines = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}; load average ${os.loadavg()[0]!.toFixed(1)} when done.`,
    '',
    '| what | figure | target |',
    '| --- | --- | --- |',
    ...threadsRows(figures),
  ]
  await writeFile(benchmarksFile, replaceBetween(await readFile(benchmarksFile, 'utf8'), 'threads', lines))
  console.log('\nComment threads written to docs/benchmarks.md.')
}

/**
 * The long durability storm (test/load/durability.ts: SIGKILL mid-typing, many times; BENCH_DURABILITY_ONLY=1
 * runs only this part), in a process of its own, written between the durability markers. A broken promise is
 * written too (the table says FAILED) and fails the run.
 */
async function writeDurability(): Promise<void> {
  console.log('\nDurability under SIGKILL (the long storm)')
  const json = path.join(os.tmpdir(), `durability-${process.pid}.json`)
  const status = await new Promise<number | null>((resolve) =>
    spawn(process.execPath, ['--import', 'tsx', 'test/load/durability.ts', '--json', json], {
      stdio: 'inherit',
      env: { ...process.env, TEST_DATABASE_URL: postgresUrl },
    }).once('exit', resolve),
  )
  const report = await readFile(json, 'utf8').then(JSON.parse, () => undefined)
  await rm(json, { force: true })
  if (status !== 0) process.exitCode = 1
  if (!report) {
    console.error(`the durability storm exited with ${status}: docs/benchmarks.md keeps its previous figures`)
    return
  }
  const { durabilityRows } = await import('./durability.ts')
  const lines = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}, over the machine's PostgreSQL.`,
    '',
    ...durabilityRows(report),
  ]
  await writeFile(benchmarksFile, replaceBetween(await readFile(benchmarksFile, 'utf8'), 'durability', lines))
  console.log('\nDurability written to docs/benchmarks.md.')
}

/** The collaboration load (BENCH_COLLAB_ONLY=1 runs only this part), written between the collab markers. */
async function writeCollab(): Promise<void> {
  const collab = await collabLoad(process.env.BENCH_FULL === '1')
  if (!collab) return
  await writeFile(benchmarksFile, replaceBetween(await readFile(benchmarksFile, 'utf8'), 'collab', collab))
  console.log('\nCollaboration load written to docs/benchmarks.md.')
}

/** Replaces the lines between `<!-- name:start -->` and `<!-- name:end -->`. */
function replaceBetween(document: string, name: string, lines: string[]): string {
  const start = `<!-- ${name}:start -->`
  const end = `<!-- ${name}:end -->`
  if (!document.includes(start) || !document.includes(end))
    throw new Error(`docs/benchmarks.md lacks ${start}`)
  const before = document.slice(0, document.indexOf(start) + start.length)
  const after = document.slice(document.indexOf(end))
  return `${before}\n${lines.join('\n')}\n${after}`
}

/**
 * Runs test/load/collab-load.ts in a process of its own (it pins itself to core 1 and raises its open-files
 * limit; the servers get core 0) and answers the Markdown for docs/benchmarks.md, or undefined if it failed.
 */
async function collabLoad(full: boolean): Promise<string[] | undefined> {
  console.log(
    `\nCollaboration load (${full ? 'full size' : 'quick smoke run; BENCH_FULL=1 for the full one'})`,
  )
  const json = path.join(os.tmpdir(), `collab-load-${process.pid}.json`)
  const args = ['--import', 'tsx', 'test/load/collab-load.ts', '--json', json, ...(full ? [] : ['--quick'])]
  const status = await new Promise<number | null>((resolve) =>
    spawn(process.execPath, args, {
      stdio: 'inherit',
      env: { ...process.env, TEST_DATABASE_URL: postgresUrl },
    }).once('exit', resolve),
  )
  if (status !== 0) {
    console.error(
      `the collaboration load exited with ${status}: docs/benchmarks.md keeps its previous figures`,
    )
    process.exitCode = 1
    return undefined
  }
  const results = JSON.parse(await readFile(json, 'utf8')) as ScenarioResult[]
  await rm(json, { force: true })
  return [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}; ` +
      (full
        ? 'full size (`BENCH_FULL=1 npm run bench`).'
        : 'quick smoke run (`npm run bench`: about a tenth of the load, so the targets do not apply; `BENCH_FULL=1` for the full one).'),
    '',
    ...formatCollabTables(results),
    full
      ? 'Targets:'
      : 'Targets (they are meant for the full run; a smoke run only shows the harness works):',
    '',
    ...targetVerdicts(results),
  ]
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
