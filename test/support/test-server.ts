import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { loadConfig } from '../../server/config.ts'
import { type RunningServer, startServer } from '../../server/main.ts'
import { createTestDatabase, type TestDatabase } from './database.ts'
import { testLog } from './log.ts'

/** A real server on a free loopback port, over its own fresh database. */
export interface TestServer extends RunningServer {
  database: TestDatabase
  /** Closes the server, then drops its database and temporary folder. */
  stop(): Promise<void>
}

/** Starts the production server code over a fresh database; `env` adds or overrides variables. */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const database = await createTestDatabase()
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'marginalia-test-'))
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    DATABASE_URL: database.url,
    DATA_DIR: dataDir,
    SESSION_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    ...env,
  })
  const server = await startServer(config, { log: testLog, shutdownGraceMs: 2_000 })
  // PUBLIC_URL defaults to the configured port (0 here); tests reach the real one through `url`.
  return {
    ...server,
    database,
    async stop() {
      await server.close()
      await database.drop()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}
