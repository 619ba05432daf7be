import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { productionStart } from './server-process.ts'

/**
 * Milliseconds from spawning `marginalia serve` (started as in production: prebuilt, built beforehand when
 * stale, and with the production V8 flags) until `/readyz` answers 200.
 */
export async function timeColdStart(env: Record<string, string>, port: number): Promise<number> {
  const flags = await productionStart()
  const started = performance.now()
  const child = spawn(process.execPath, [...flags, 'bin/marginalia.js', 'serve'], {
    env: { ...process.env, LOG_LEVEL: 'warn', PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`)
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
      if (ready) return performance.now() - started
      if (performance.now() - started > 120_000) throw new Error('the server was not ready within 120 s')
      await new Promise((r) => setTimeout(r, 25))
    }
  } finally {
    child.kill('SIGTERM')
    await new Promise((r) => child.once('exit', r))
  }
}

/** Cold starts with the embedded database: a fresh DATA_DIR (initdb in WebAssembly), then reopening it. */
export async function coldStartEmbedded(port: number): Promise<{ fresh: number; reopen: number }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'marginalia-bench-'))
  try {
    const env = { DATA_DIR: dataDir, DATABASE_URL: '' }
    const fresh = await timeColdStart(env, port)
    const reopen = await timeColdStart(env, port)
    return { fresh, reopen }
  } finally {
    await rm(dataDir, { recursive: true, force: true })
  }
}
