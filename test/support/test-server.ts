import { mkdtemp, rm } from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { loadConfig } from '../../server/config.ts'
import { type RunningServer, startServer } from '../../server/main.ts'
import { createTestDatabase, type TestDatabase } from './database.ts'
import { testLog } from './log.ts'

/** A real server on a free loopback port, over its own fresh database. */
export interface TestServer extends RunningServer {
  database: TestDatabase
  /** Closes the server, then drops its database (unless `keepDatabase`) and temporary folder. */
  stop(options?: { keepDatabase?: boolean }): Promise<void>
}

/**
 * Starts the production server code over a fresh database (or `database`, to restart over the same one);
 * `env` adds or overrides variables; `options.compactAfterUpdates` folds a live document's log sooner.
 */
export async function startTestServer(
  env: Record<string, string> = {},
  given?: TestDatabase,
  options: { compactAfterUpdates?: number } = {},
): Promise<TestServer> {
  const database = given ?? (await createTestDatabase())
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'marginalia-test-'))
  // A known port, so PUBLIC_URL (which the collaboration socket's Origin check uses) is the real address.
  const port = await freePort()
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: database.url,
    DATA_DIR: dataDir,
    SESSION_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    // The embedded database takes one connection at a time (see server/db/database.ts).
    ...(database.kind === 'embedded' ? { DATABASE_POOL_SIZE: '1' } : {}),
    ...env,
  })
  const server = await startServer(config, {
    log: testLog,
    shutdownGraceMs: 2_000,
    documentIdleMs: 200,
    compactAfterUpdates: options.compactAfterUpdates,
  })
  return {
    ...server,
    database,
    async stop(options = {}) {
      await server.close()
      if (!options.keepDatabase) await database.drop()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

/** A port that was free a moment ago on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })
}
