/**
 * The servers under load run as child processes pinned to one core. This module spawns them, waits until
 * they answer, stops them, and makes sure none outlives the harness (exit, errors, Ctrl+C).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { createWriteStream } from 'node:fs'

const running = new Set<ChildProcess>()

process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL')
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const child of running) child.kill('SIGKILL')
    process.exit(130)
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
 * Spawns `node <args>` under `taskset -c <core>`, with its output appended to `logFile`, and waits until
 * GET `readyUrl` answers 200 (at most `timeoutMs`).
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
  const log = createWriteStream(options.logFile, { flags: 'a' })
  const child = spawn(
    'taskset',
    ['-c', String(options.core), process.execPath, ...(options.nodeOptions ?? []), ...options.args],
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
