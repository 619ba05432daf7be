/**
 * The collaboration load benchmark: Marginalia's collaboration socket against the bare y-websocket relay,
 * under the same light clients, on the same machine (each server pinned to core 0, this harness to core 1).
 *
 *   npx tsx test/load/collab-load.ts [--scenario b|c|d|all] [--seconds N] [--quick] [--runs N]
 *                                    [--target marginalia|relay|both] [--steps 250,500,…] [--json FILE]
 *                                    [--cpu-prof DIR] [--clients raw|ws]
 *
 * It re-runs itself under `taskset -c 1` with the open-files limit raised (the servers get core 0).
 * --steps replaces the knee's reader counts; --cpu-prof writes the servers' CPU profiles (node --cpu-prof);
 * --runs sets how many times (b) and (c) run, the targets taking turns (the report shows each target's median).
 * --clients chooses the load clients' WebSocket: the minimal one in raw-websocket.ts (the default) or `ws`'s.
 *
 * Scenarios (full size; --quick is about ten times smaller):
 *   b  one document, 50 writers + 450 readers, 2 edits/s per writer, 20 s
 *   c  100 documents, each 2 writers + 3 readers, 2 edits/s per writer, 20 s, five times (its p99 is a few
 *      milliseconds, where one run's figure moves by a third from run to run, the relay's as much)
 *   d  the knee: one document, 20 writers at 2 edits/s, readers stepped 250 → 2,500 (10 s per step), then
 *      every client disconnects at once and the server must still answer
 * Figures only: a benchmark never fails on a timing. A run whose replicas do not converge is FAILED.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import {
  type HistogramSnapshot,
  type LatencyPercentiles,
  percentilesBetween,
} from '../../server/collab/latency-histogram.ts'
import { formatCollabTables, ms, targetVerdicts } from './collab-report.ts'
import { type ConvergenceResult, checkConvergence, waitForQuiet, waitForSaved } from './convergence.ts'
import { Ledger, Window } from './ledger.ts'
import { type ClientKind, Reader, useClient, Writer } from './load-clients.ts'
import {
  createMarginaliaFixture,
  type MarginaliaFixture,
  startMarginalia,
  startRelay,
  type Target,
  type TargetName,
} from './load-targets.ts'
import { type MassDisconnectResult, massDisconnect } from './mass-disconnect.ts'
import { harnessCpuWindow, ProcessWatch, rssBytes, waitForIdleMachine } from './process-stats.ts'
import type { Percentiles } from './samples.ts'
import { countLogWarnings } from './server-process.ts'

export type ScenarioKey = 'b' | 'c' | 'd'

export interface Scenario {
  key: ScenarioKey
  title: string
  documents: number
  writersPerDocument: number
  /** Readers per document; for the knee, the reader counts of each step (cumulative). */
  readersPerDocument: number[]
  editsPerSecond: number
  /** Measuring seconds (per step for the knee). */
  seconds: number
  warmupSeconds: number
  /** How many times the scenario runs, the targets taking turns; each target is reported by its median run. */
  runs: number
}

/** The scenarios at full size, or about ten times smaller for a smoke run. */
export function scenarios(
  quick: boolean,
  seconds?: number,
  steps?: number[],
  runs?: number,
): Record<ScenarioKey, Scenario> {
  const warmupSeconds = quick ? 1 : 3
  return {
    b: {
      key: 'b',
      title: 'one document, many writers and readers',
      documents: 1,
      writersPerDocument: quick ? 5 : 50,
      readersPerDocument: [quick ? 45 : 450],
      editsPerSecond: 2,
      seconds: seconds ?? (quick ? 3 : 20),
      warmupSeconds,
      runs: runs ?? 1,
    },
    c: {
      key: 'c',
      title: 'many small documents',
      documents: quick ? 10 : 100,
      writersPerDocument: 2,
      readersPerDocument: [3],
      editsPerSecond: 2,
      seconds: seconds ?? (quick ? 3 : 20),
      warmupSeconds,
      runs: runs ?? (quick ? 1 : 5),
    },
    d: {
      key: 'd',
      title: 'the knee: readers stepped up on one document, then a mass disconnect',
      documents: 1,
      writersPerDocument: quick ? 2 : 20,
      readersPerDocument:
        steps ?? (quick ? [25, 50, 100, 150, 200, 250] : [250, 500, 1000, 1500, 2000, 2500]),
      editsPerSecond: 2,
      seconds: seconds ?? (quick ? 2 : 10),
      warmupSeconds,
      runs: 1,
    },
  }
}

/** What one measuring window saw. */
export interface WindowResult {
  clients: number
  readers: number
  writers: number
  seconds: number
  edits: number
  expectedReceipts: number
  receipts: number
  fanOut: Percentiles | undefined
  deliveredPerSecond: number
  /** From an edit's send to the `saved` that covers it, as the writer saw it (harness queueing included). */
  saved: Percentiles | undefined
  /** The server's own count: from an update's arrival to its commit, when `saved` is sent (Marginalia only). */
  savedAtServer: LatencyPercentiles | undefined
  failed: number
  closed: number
  serverCpuPercent: number
  serverPeakRssMb: number
  postgresCpuPercent: number | undefined
  harnessCpuPercent: number
  /** The part of the harness's CPU spent in the kernel (socket reads and writes). */
  harnessSystemCpuPercent: number
  harnessLagP99Ms: number
  /** CPU the rest of the machine used meanwhile (all cores, % of one): other people's work is noise. */
  othersCpuPercent: number
  /** False when the probe edit did not reach every reader before measuring (the server never caught up). */
  settled: boolean
  /** Windows measured until other processes left the machine alone (see `noisyOthersPercent`). */
  attempts: number
}

export interface TargetResult {
  target: TargetName
  /** The server's RSS once started and signed in, before any socket. */
  idleRssMb: number | undefined
  windows: WindowResult[]
  /** The knee: why the steps stopped early, if they did. */
  stoppedBecause: string | undefined
  convergence: ConvergenceResult
  massDisconnect: MassDisconnectResult | undefined
  closeCodes: Record<string, number>
  /** Warnings and errors the server logged, by message (e.g. sockets it closed). */
  serverWarnings: Record<string, number>
  failedReason: string | undefined
  /** When the scenario ran several times: the fan-out p99 of each run, in order (this result is the median one). */
  p99Runs?: Array<number | null>
}

export interface ScenarioResult {
  scenario: Scenario
  results: TargetResult[]
}

export interface RunOptions {
  scenarios: ScenarioKey[]
  quick: boolean
  seconds: number | undefined
  /** The knee's reader counts, instead of the default steps. */
  steps: number[] | undefined
  /** How many times (b) and (c) run, instead of their defaults. */
  runs: number | undefined
  targets: TargetName[]
  cpuProfileDir: string | undefined
  log: (line: string) => void
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10

/** Sockets opened per second at start (staggered in small batches). */
const connectsPerSecond = 250
/** How long all sockets may take to sync, and the probe edit to reach every reader. */
const syncTimeoutMs = 60_000
const settleTimeoutMs = 60_000
/** Receipts of a window's edits are awaited this long after it closes; later ones count as lost. */
const drainTimeoutMs = 10_000
/**
 * A window during which other processes on this shared machine used more than this (% of one core) is
 * measured again, at most `noisyRetries` times; the figures keep the last attempt and say how noisy it was.
 */
const noisyOthersPercent = 25
const noisyRetries = 2
/** The knee stops once p99 passes this. */
const kneeP99LimitMs = 1000

/** Opens sockets at `connectsPerSecond`, each client once; resolves when all opened or failed. */
async function connectStaggered(
  clients: Array<{ connect(url: string, headers: Record<string, string>): Promise<void> }>,
  url: (i: number) => string,
  headers: (i: number) => Record<string, string>,
): Promise<void> {
  const batch = 10
  const pending: Promise<void>[] = []
  for (let i = 0; i < clients.length; i += batch) {
    for (let j = i; j < Math.min(clients.length, i + batch); j++)
      pending.push(clients[j]!.connect(url(j), headers(j)))
    await sleep((1000 * batch) / connectsPerSecond)
  }
  await Promise.all(pending)
}

/** Waits until every opened client synced, at most `syncTimeoutMs`; answers how many did not. */
async function waitSynced(clients: Array<Reader | Writer>): Promise<number> {
  const opened = clients.filter((c) => c.opened)
  await Promise.race([Promise.all(opened.map((c) => c.whenSynced())), sleep(syncTimeoutMs)])
  return opened.filter((c) => !c.synced).length
}

/** A probe edit from the first writer of each document; resolves once every reader there received it. */
async function settle(ledger: Ledger, writers: Writer[], readersOf: (documentId: string) => number) {
  const probes: Array<{ writer: number; seq: number; readers: number }> = []
  const seen = new Set<string>()
  for (const writer of writers) {
    if (seen.has(writer.documentId) || !writer.synced) continue
    seen.add(writer.documentId)
    const seq = writer.edit()
    if (seq !== undefined) probes.push({ writer: writer.index, seq, readers: readersOf(writer.documentId) })
  }
  const started = performance.now()
  while (performance.now() - started < settleTimeoutMs) {
    if (probes.every((p) => ledger.receipts(p.writer, p.seq) >= p.readers)) return true
    await sleep(50)
  }
  return false
}

/** Measures one window of `seconds`: latency of the edits sent in it, the server's CPU and RSS. */
async function measure(
  ledger: Ledger,
  watch: ProcessWatch,
  seconds: number,
  counts: { readers: number; writers: number },
  settled: boolean,
  /** Failures are counted since then: the step's connecting and its window. */
  since: { failed: number; closed: number },
  /** The server's arrival-to-commit histogram, when it keeps one. */
  durableLatency: (() => Promise<HistogramSnapshot>) | undefined,
): Promise<WindowResult> {
  const durableBefore = await durableLatency?.()
  const window = new Window(performance.now())
  ledger.window = window
  const server = watch.window()
  const harness = harnessCpuWindow()
  const lag = monitorEventLoopDelay({ resolution: 10 })
  lag.enable()
  await sleep(seconds * 1000)
  window.end = performance.now()
  const serverFigures = server.end()
  const harnessCpu = harness.end()
  const harnessCpuPercent = harnessCpu.percent
  lag.disable()
  const drainStarted = performance.now()
  while (window.fanOut.count < window.expectedReceipts && performance.now() - drainStarted < drainTimeoutMs) {
    await sleep(50)
  }
  ledger.window = undefined
  const durableAfter = durableBefore && (await durableLatency?.())
  const missing = window.expectedReceipts - window.fanOut.count
  return {
    clients: counts.readers + counts.writers,
    readers: counts.readers,
    writers: counts.writers,
    seconds,
    edits: window.edits,
    expectedReceipts: window.expectedReceipts,
    receipts: window.fanOut.count,
    fanOut: window.fanOut.summary(missing),
    deliveredPerSecond: window.fanOut.count / seconds,
    saved: window.saved.count > 0 ? window.saved.summary() : undefined,
    savedAtServer: durableAfter ? percentilesBetween(durableAfter, durableBefore) : undefined,
    failed: ledger.failed - since.failed,
    closed: ledger.closed - since.closed,
    serverCpuPercent: serverFigures.cpuPercent,
    serverPeakRssMb: mb(serverFigures.peakRssBytes),
    postgresCpuPercent: watch.database ? serverFigures.postgresCpuPercent : undefined,
    harnessCpuPercent,
    harnessSystemCpuPercent: harnessCpu.systemPercent,
    harnessLagP99Ms: lag.percentile(99) / 1e6,
    attempts: 1,
    othersCpuPercent: Math.max(
      0,
      serverFigures.machineCpuPercent -
        serverFigures.cpuPercent -
        (watch.database ? serverFigures.postgresCpuPercent : 0) -
        harnessCpuPercent,
    ),
    settled,
  }
}

async function startTarget(
  name: TargetName,
  fixture: MarginaliaFixture | undefined,
  logFile: string,
  cpuProfileDir: string | undefined,
): Promise<Target> {
  const nodeOptions = cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : undefined
  const options = { logFile, ...(nodeOptions ? { nodeOptions } : {}) }
  return name === 'Marginalia' ? startMarginalia(fixture!, options) : startRelay(options)
}

/** Runs one scenario against one target, from a fresh server process to its stop. */
async function runOne(
  scenario: Scenario,
  name: TargetName,
  fixture: MarginaliaFixture | undefined,
  options: RunOptions,
): Promise<TargetResult> {
  const say = (line: string) => options.log(`  [${scenario.key} ${name}] ${line}`)
  const logFile = path.join(os.tmpdir(), `collab-load-${scenario.key}-${name.toLowerCase()}.log`)
  const busy = await waitForIdleMachine([process.pid], undefined, noisyOthersPercent, 120_000)
  say(`other processes busy ${Math.round(busy)} % of a core before starting`)
  const target = await startTarget(name, fixture, logFile, options.cpuProfileDir)
  await sleep(1000)
  const idleRss = rssBytes(target.pid)
  say(
    `server pid ${target.pid} on core 0, RSS ${idleRss === undefined ? '—' : mb(idleRss)} MB idle (log: ${logFile})`,
  )
  const watch = new ProcessWatch(target.pid, target.database)
  const ledger = new Ledger()
  const writers: Writer[] = []
  const readers: Reader[] = []
  const result: TargetResult = {
    target: name,
    idleRssMb: idleRss === undefined ? undefined : mb(idleRss),
    windows: [],
    stoppedBecause: undefined,
    convergence: { converged: false, documents: 0, lostEdits: 0, problems: ['not checked'] },
    massDisconnect: undefined,
    closeCodes: {},
    serverWarnings: {},
    failedReason: undefined,
  }
  try {
    const documents = await target.documents(scenario.documents)
    let since = { failed: 0, closed: 0 }
    const readersOf = (documentId: string) =>
      readers.filter((r) => r.documentId === documentId && r.opened && !r.lost).length
    for (const documentId of documents) {
      for (let i = 0; i < scenario.writersPerDocument; i++) {
        writers.push(new Writer(ledger, writers.length, documentId, target.reportsSaved))
      }
    }
    const addReaders = async (perDocument: number) => {
      const fresh: Reader[] = []
      for (const documentId of documents) {
        for (let i = 0; i < perDocument; i++)
          fresh.push(new Reader(ledger, readers.length + fresh.length, documentId))
      }
      const started = performance.now()
      await connectStaggered(
        fresh,
        (i) => target.socketUrl(fresh[i]!.documentId),
        () => target.socketHeaders('reader'),
      )
      readers.push(...fresh)
      const unsynced = await waitSynced(fresh)
      say(
        `${fresh.filter((r) => r.opened).length}/${fresh.length} readers open, ${unsynced} not synced, in ${Math.round(performance.now() - started)} ms`,
      )
    }
    const setAudiences = () => {
      for (const writer of writers) ledger.setAudience(writer.index, readersOf(writer.documentId))
    }

    // Writers first (they make the paragraphs), then the first readers.
    await connectStaggered(
      writers,
      (i) => target.socketUrl(writers[i]!.documentId),
      () => target.socketHeaders('writer'),
    )
    await waitSynced(writers)
    say(`${writers.filter((w) => w.synced).length}/${writers.length} writers synced`)
    await addReaders(scenario.readersPerDocument[0]!)
    setAudiences()
    for (const writer of writers) writer.start(scenario.editsPerSecond)

    const steps = scenario.readersPerDocument
    for (let step = 0; step < steps.length; step++) {
      if (step > 0) {
        await addReaders(steps[step]! - steps[step - 1]!)
        setAudiences()
      }
      let figures: WindowResult | undefined
      for (let attempt = 1; attempt <= noisyRetries + 1; attempt++) {
        const settled = await settle(ledger, writers, readersOf)
        if (!settled) say('the probe edit did not reach every reader within 60 s')
        await sleep(scenario.warmupSeconds * 1000)
        figures = await measure(
          ledger,
          watch,
          scenario.seconds,
          {
            readers: readers.filter((r) => r.opened && !r.lost).length,
            writers: writers.filter((w) => w.opened && !w.lost).length,
          },
          settled,
          since,
          target.durableLatency?.bind(target),
        )
        figures.attempts = attempt
        if (figures.othersCpuPercent <= noisyOthersPercent || attempt > noisyRetries) break
        say(
          `other processes used ${Math.round(figures.othersCpuPercent)} % of a core meanwhile: measuring again once the machine is idle`,
        )
        await waitForIdleMachine([process.pid, target.pid], target.database, noisyOthersPercent, 60_000)
      }
      if (!figures) throw new Error('no window measured')
      since = { failed: ledger.failed, closed: ledger.closed }
      result.windows.push(figures)
      say(
        `${figures.clients} clients: p50 ${ms(figures.fanOut?.p50)} p99 ${ms(figures.fanOut?.p99)} ms, ` +
          `${Math.round(figures.deliveredPerSecond)} updates/s delivered, server CPU ${Math.round(figures.serverCpuPercent)} %, ` +
          `RSS ${figures.serverPeakRssMb} MB, harness CPU ${Math.round(figures.harnessCpuPercent)} % (${Math.round(figures.harnessSystemCpuPercent)} % kernel, lag p99 ${Math.round(figures.harnessLagP99Ms)} ms), ` +
          `others ${Math.round(figures.othersCpuPercent)} %` +
          (figures.saved ? `, saved p99 ${ms(figures.saved.p99)} ms` : '') +
          (figures.savedAtServer ? ` (arrival → commit p99 ${ms(figures.savedAtServer.p99)} ms)` : ''),
      )
      if (steps.length > 1 && step < steps.length - 1) {
        const p99 = figures.fanOut?.p99 ?? Number.POSITIVE_INFINITY
        if (p99 > kneeP99LimitMs || figures.failed > 0 || figures.closed > 0 || !figures.settled) {
          result.stoppedBecause =
            p99 > kneeP99LimitMs
              ? Number.isFinite(p99)
                ? `p99 ${ms(p99)} ms > ${kneeP99LimitMs} ms at ${figures.clients} clients`
                : `over 1 % of the receipts still missing ${drainTimeoutMs / 1000} s after the window, at ${figures.clients} clients`
              : figures.failed + figures.closed > 0
                ? `${figures.failed} connections failed and ${figures.closed} closed at ${figures.clients} clients`
                : `the server did not catch up with ${figures.clients} clients`
          say(`steps stopped: ${result.stoppedBecause}`)
          break
        }
      }
    }

    for (const writer of writers) writer.stop()
    const quiet = await waitForQuiet(ledger, 1000, 60_000)
    const saved = target.reportsSaved ? await waitForSaved(writers) : true
    if (!quiet) say('updates were still arriving 60 s after the edits stopped')
    if (!saved) say('some writers were not told their last edit was saved within 30 s')
    result.convergence = await checkConvergence(target, documents, writers, ledger)
    say(
      result.convergence.converged
        ? `converged (${documents.length} document${documents.length === 1 ? '' : 's'})`
        : `DID NOT CONVERGE: ${result.convergence.problems.join('; ')}`,
    )
    if (scenario.key === 'd') {
      result.massDisconnect = await massDisconnect(target, [...writers, ...readers], documents[0]!)
      const m = result.massDisconnect
      say(
        `mass disconnect of ${m.clients}: ${m.survived ? 'survived' : 'DID NOT SURVIVE'}, health after ${m.healthMs === undefined ? '—' : Math.round(m.healthMs)} ms, quiet after ${m.quietAfterMs === undefined ? '—' : Math.round(m.quietAfterMs)} ms`,
      )
    }
  } catch (error) {
    result.failedReason = error instanceof Error ? error.message : String(error)
    say(`FAILED: ${result.failedReason}`)
  } finally {
    for (const client of [...writers, ...readers]) client.disconnect(true)
    result.closeCodes = Object.fromEntries(ledger.closeCodes)
    watch.stop()
    if (target.exited() && !result.failedReason) result.failedReason = 'the server process exited'
    await target.stop()
    result.serverWarnings = countLogWarnings(logFile)
    for (const [message, count] of Object.entries(result.serverWarnings))
      say(`server logged ${count} × ${message}`)
  }
  return result
}

/** Runs the chosen scenarios against the chosen targets and answers the figures. */
export async function runCollabLoad(options: RunOptions): Promise<ScenarioResult[]> {
  const all = scenarios(options.quick, options.seconds, options.steps, options.runs)
  if (options.cpuProfileDir) await mkdir(options.cpuProfileDir, { recursive: true })
  const fixture = options.targets.includes('Marginalia') ? await createMarginaliaFixture() : undefined
  const out: ScenarioResult[] = []
  try {
    for (const key of options.scenarios) {
      const scenario = all[key]
      options.log(`Scenario ${key}: ${scenario.title}`)
      const runs = new Map<TargetName, TargetResult[]>(options.targets.map((name) => [name, []]))
      for (let run = 0; run < scenario.runs; run++) {
        if (scenario.runs > 1) options.log(`  run ${run + 1} of ${scenario.runs}`)
        for (const name of options.targets)
          runs.get(name)!.push(await runOne(scenario, name, fixture, options))
      }
      out.push({ scenario, results: options.targets.map((name) => medianRun(runs.get(name)!)) })
    }
  } finally {
    await fixture?.drop()
  }
  return out
}

/**
 * One target's runs of a scenario as one result: the first that failed or did not converge (a failure is never
 * outvoted), else the run with the median fan-out p99, with every run's p99 beside it.
 */
export function medianRun(runs: TargetResult[]): TargetResult {
  if (runs.length === 1) return runs[0]!
  const p99 = (r: TargetResult) => r.windows[0]?.fanOut?.p99 ?? Number.POSITIVE_INFINITY
  const failed = runs.find((r) => r.failedReason || !r.convergence.converged)
  const chosen = failed ?? [...runs].sort((a, b) => p99(a) - p99(b))[Math.floor((runs.length - 1) / 2)]!
  return { ...chosen, p99Runs: runs.map((r) => r.windows[0]?.fanOut?.p99 ?? null) }
}

/** The open-files limit this process has (soft). */
function openFilesLimit(): number {
  const line = readFileSync('/proc/self/limits', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('Max open files'))
  const soft = line?.split(/\s{2,}/)[1]
  return soft === 'unlimited' ? Number.POSITIVE_INFINITY : Number(soft)
}

/** The cores this process may run on, as /proc says (e.g. "1" or "0-1"). */
function allowedCores(): string {
  return /^Cpus_allowed_list:\s*(.+)$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]?.trim() ?? ''
}

/**
 * Runs this script again pinned to core 1, with the open-files limit raised to the hard limit (at most
 * 65536), unless that was done already. Answers the exit code, or undefined when this is the pinned run.
 */
function reexecPinned(): number | undefined {
  if (process.env.COLLAB_LOAD_PINNED === '1' || allowedCores() === '1') return undefined
  const script = fileURLToPath(import.meta.url)
  const quote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`
  const command = [process.execPath, '--import', 'tsx', script, ...process.argv.slice(2)].map(quote).join(' ')
  const child = spawnSync(
    'bash',
    [
      '-c',
      `ulimit -n $(( $(ulimit -Hn) < 65536 ? $(ulimit -Hn) : 65536 )) 2>/dev/null; exec taskset -c 1 ${command}`,
    ],
    { stdio: 'inherit', env: { ...process.env, COLLAB_LOAD_PINNED: '1' } },
  )
  return child.status ?? 1
}

function parseArgs(
  argv: string[],
): Omit<RunOptions, 'log'> & { json: string | undefined; clients: ClientKind } {
  const value = (flag: string) => {
    const i = argv.indexOf(flag)
    return i >= 0 ? argv[i + 1] : undefined
  }
  const scenario = value('--scenario') ?? 'all'
  if (!['b', 'c', 'd', 'all'].includes(scenario)) throw new Error(`--scenario must be b, c, d or all`)
  const target = value('--target') ?? 'both'
  if (!['marginalia', 'relay', 'both'].includes(target))
    throw new Error('--target must be marginalia, relay or both')
  const seconds = value('--seconds')
  if (seconds !== undefined && !(Number(seconds) > 0)) throw new Error('--seconds must be a positive number')
  const runs = value('--runs')
  if (runs !== undefined && !(Number.isInteger(Number(runs)) && Number(runs) > 0))
    throw new Error('--runs must be a positive whole number')
  const clients = value('--clients') ?? 'raw'
  if (clients !== 'raw' && clients !== 'ws') throw new Error('--clients must be raw or ws')
  const steps = value('--steps')?.split(',').map(Number)
  if (steps?.some((n, i) => !Number.isInteger(n) || n <= 0 || n <= (steps[i - 1] ?? 0))) {
    throw new Error('--steps must be increasing reader counts, e.g. 250,500,1000')
  }
  return {
    scenarios: scenario === 'all' ? ['b', 'c', 'd'] : [scenario as ScenarioKey],
    quick: argv.includes('--quick'),
    seconds: seconds === undefined ? undefined : Number(seconds),
    steps,
    runs: runs === undefined ? undefined : Number(runs),
    targets: target === 'both' ? ['Marginalia', 'relay'] : target === 'relay' ? ['relay'] : ['Marginalia'],
    cpuProfileDir: value('--cpu-prof') === undefined ? undefined : path.resolve(value('--cpu-prof')!),
    json: value('--json'),
    clients,
  }
}

async function main(): Promise<void> {
  const exitCode = reexecPinned()
  if (exitCode !== undefined) {
    process.exitCode = exitCode
    return
  }
  const args = parseArgs(process.argv.slice(2))
  const limit = openFilesLimit()
  if (limit < 8192) {
    throw new Error(
      `the open-files limit is ${limit}; the load needs at least 8192 (run under \`bash -c 'ulimit -n 65536; …'\`)`,
    )
  }
  console.log(
    `collab load on cores ${allowedCores()}, open-files limit ${limit}, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  )
  useClient(args.clients)
  const results = await runCollabLoad({ ...args, log: (line) => console.log(line) })
  console.log(`\n${formatCollabTables(results).join('\n')}`)
  console.log(`Targets:\n${targetVerdicts(results).join('\n')}`)
  if (args.json) writeFileSync(args.json, JSON.stringify(results, null, 2))
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error)
    process.exitCode = 1
  })
}
