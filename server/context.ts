import type { CollabBus } from './collab/bus.ts'
import type { DocumentRegistry } from './collab/registry.ts'
import type { Config } from './config.ts'
import type { Database } from './db/database.ts'
import type { DomainEvents } from './events/domain-events.ts'
import type { Log } from './log.ts'
import type { Mailer } from './mail/mailer.ts'

/** What the HTTP and collaboration layers are built from: settings, logger, database, mail, events, live documents. */
export interface AppContext {
  config: Config
  log: Log
  db: Database
  mailer: Mailer
  /** Domain events, published after commit (role and phase changes close collaboration sockets). */
  events: DomainEvents
  /** The live documents of this process: the collaboration server and server-side edits share them. */
  live: DocumentRegistry
  /** How this process hears the others (Redis with REDIS_URL, else nobody): `/readyz` asks it for its health. */
  bus: CollabBus
  /** Flipped to true once migrations have been applied at start; `/readyz` answers 503 until then. */
  state: { migrated: boolean; shuttingDown: boolean }
}
