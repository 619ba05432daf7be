import { existsSync, readFileSync } from 'node:fs'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Log } from '../log.ts'

/** A running embedded Postgres: where to connect, and how to stop it. */
export interface EmbeddedPostgres {
  url: string
  stop(): Promise<void>
}

/**
 * Starts PGlite (Postgres compiled to WebAssembly, inside this process) and serves it over the Postgres
 * wire protocol on a loopback port, so the rest of the server uses the same `pg` code as with a real
 * Postgres. `dataDir` undefined keeps the database in memory (tests). PGlite is one backend session
 * behind a queue: transactions are serialised and there is no LISTEN/NOTIFY (docs/architecture.md).
 */
export async function startEmbeddedPostgres(
  dataDir: string | undefined,
  maxConnections: number,
  log: Log,
): Promise<EmbeddedPostgres> {
  const started = Date.now()
  const releaseLock = dataDir ? await lockDataDir(dataDir) : async () => {}
  // Loaded here, not at the top: a server on a real Postgres never pays for the WebAssembly build.
  const [{ PGlite }, { PGLiteSocketServer }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite-socket'),
  ])
  const db = await PGlite.create(dataDir ? path.join(dataDir, 'pg') : undefined)
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections })
  await server.start()
  const address = server.getServerConn()
  log.info({ dataDir: dataDir ?? 'memory', address, ms: Date.now() - started }, 'db.embedded.started')
  return {
    url: `postgres://postgres@${address}/postgres`,
    async stop() {
      await server.stop()
      await db.close()
      await releaseLock()
    },
  }
}

function processIsAlive(pid: number): boolean {
  // On Linux a thread id is a valid kill() target too, so check that the id names a process of its own.
  if (existsSync('/proc/self/status')) {
    try {
      return readFileSync(`/proc/${pid}/status`, 'utf8').includes(`\nTgid:\t${pid}\n`)
    } catch {
      return false
    }
  }
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * PGlite's files must be opened by one process at a time; a second one would corrupt them. A pid file
 * beside them refuses a second process with a clear message, and a stale one (its process gone) is taken over.
 */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true })
  const lockFile = path.join(dataDir, 'marginalia.pid')
  const holder = Number.parseInt(await readFile(lockFile, 'utf8').catch(() => ''), 10)
  if (Number.isInteger(holder) && holder !== process.pid && processIsAlive(holder)) {
    throw new Error(
      `The embedded database in ${dataDir} is in use by process ${holder}. Stop it first, or set DATA_DIR or DATABASE_URL.`,
    )
  }
  await writeFile(lockFile, String(process.pid))
  return () => rm(lockFile, { force: true })
}
