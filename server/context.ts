import type { Config } from './config.ts'
import type { Database } from './db/database.ts'
import type { Log } from './log.ts'
import type { Mailer } from './mail/mailer.ts'

/** What the HTTP layer is built from: settings, the logger and the database. Later issues add services here. */
export interface AppContext {
  config: Config
  log: Log
  db: Database
  mailer: Mailer
  /** Flipped to true once migrations have been applied at start; `/readyz` answers 503 until then. */
  state: { migrated: boolean; shuttingDown: boolean }
}
