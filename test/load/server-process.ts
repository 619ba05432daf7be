/**
 * The servers under load run as child processes pinned to one core. This module spawns them, waits until
 * they answer, stops them, and makes sure none outlives the harness (exit, errors, Ctrl+C); on Ctrl+C or
 * SIGTERM it also runs the clean-ups registered with `onInterrupt` (dropping the test database).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { createWriteStream, readFileSync } from 'node:fs'
import net from 'node:net'

const running = new Set<ChildProcess>()

process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL')
})
const cleanups = new Set<() => Promise<void>>()

/** Runs `cleanup` (at most 10 s) if the harness is interrupted; call the answer to unregister it. */
export function onInterrupt(cleanup: () => Promise<void>): () => void {
  cleanups.add(cleanup)
  return () => cleanups.delete(cleanup)
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const child of running) child.kill('SIGKILL')
    const deadline = new Promise((resolve) => setTimeout(resolve, 10_000).unref())
    void Promise.race([Promise.allSettled([...cleanups].map((cleanup) => cleanup())), deadline]).then(() =>
      process.exit(130),
    )
  })
}

/** A server child: its pid (the `node` process itself: `taskset` execs it), and how to stop it. */
export interface ServerProcess {
  pid: number
  child: ChildProcess
  /** True once the process has exited (crashed, or stopped). */
  exited(): boolean
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>
}

/**
 * Makes Marginalia start as in production: builds the server's JavaScript (dist/server) when it is missing or
 * older than the sources, and answers the V8 flags production runs it with (bin/node-flags.js).
 */
export async function productionStart(): Promise<string[]> {
  const build = spawnSync(process.execPath, ['bin/server-build.js', '--if-stale'], { stdio: 'inherit' })
  if (build.status !== 0) throw new Error('the server build (node bin/server-build.js) failed')
  const flags: { productionNodeFlags: string[] } = await import('../../bin/node-flags.js' as string)
  return flags.productionNodeFlags
}

/**
 * Spawns `node <args>` under `taskset -c <core>`, with its output written to `logFile`, and waits until
 * GET `readyUrl` answers 200 (at most `timeoutMs`). Marginalia (`bin/marginalia.js`) starts as in production
 * (`productionStart`): prebuilt, with the production V8 flags, then `BENCH_NODE_FLAGS` (space-separated: an A/B
 * of a flag; the last value of a flag wins), then `nodeOptions`.
 */
export async function spawnServer(options: {
  core: number
  args: string[]
  env: Record<string, string>
  logFile: string
  readyUrl: string
  timeoutMs?: number
  nodeOptions?: string[]
}): Promise<ServerProcess> {
  const production =
    options.args[0] === 'bin/marginalia.js'
      ? [...(await productionStart()), ...(process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? [])]
      : []
  const log = createWriteStream(options.logFile)
  const child = spawn(
    'taskset',
    [
      '-c',
      String(options.core),
      process.execPath,
      ...production,
      ...(options.nodeOptions ?? []),
      ...options.args,
    ],
    { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  running.add(child)
  child.stdout?.pipe(log)
  child.stderr?.pipe(log)
  let exited = false
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true
      running.delete(child)
      resolve()
    }),
  )
  const server: ServerProcess = {
    pid: child.pid!,
    child,
    exited: () => exited,
    async stop(graceMs = 15_000) {
      if (exited) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
      await exit
      clearTimeout(timer)
    },
  }
  const started = performance.now()
  const timeoutMs = options.timeoutMs ?? 60_000
  for (;;) {
    if (exited) throw new Error(`the server exited before it was ready (see ${options.logFile})`)
    const ready = await fetch(options.readyUrl, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.ok,
      () => false,
    )
    if (ready) return server
    if (performance.now() - started > timeoutMs) {
      await server.stop(1000)
      throw new Error(`the server was not ready within ${timeoutMs} ms (see ${options.logFile})`)
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** Answers whether GET `url` returns 200 within `timeoutMs`, and how long it took. */
export async function probe(url: string, timeoutMs = 10_000): Promise<{ ok: boolean; ms: number }> {
  const started = performance.now()
  const ok = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) }).then(
    (r) => r.ok,
    () => false,
  )
  return { ok, ms: performance.now() - started }
}

/** A port that was free a moment ago on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

/** Counts the warning and error lines (pino JSON, level 40 and up) of a server log, by message. */
export function countLogWarnings(logFile: string): Record<string, number> {
  const counts: Record<string, number> = {}
  let text = ''
  try {
    text = readFileSync(logFile, 'utf8')
  } catch {
    return counts
  }
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string } }
      if ((entry.level ?? 0) < 40) continue
      const key = `${entry.msg ?? 'log'}${entry.err?.message ? `: ${entry.err.message}` : ''}`
      counts[key] = (counts[key] ?? 0) + 1
    } catch {
      // not a log line
    }
  }
  return counts
}
