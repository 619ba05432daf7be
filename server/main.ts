import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createApp } from './app.ts'
import { type CollabBus, LocalBus } from './collab/bus.ts'
import { createCollabServer } from './collab/collab-server.ts'
import { RedisBus } from './collab/redis-bus.ts'
import { DocumentRegistry } from './collab/registry.ts'
import { UpdateLogWriter } from './collab/update-log-writer.ts'
import type { Config } from './config.ts'
import type { AppContext } from './context.ts'
import { type Database, openDatabase } from './db/database.ts'
import { migrate } from './db/migrate.ts'
import { DomainEvents } from './events/domain-events.ts'
import { stopExportWorker } from './export/export-worker.ts'
import { closePdfBrowser } from './export/pdf.ts'
import { createSessions } from './http/session.ts'
import { closeHtmlParser } from './import/parse.ts'
import { createLogger, type Log } from './log.ts'
import { createMailer } from './mail/mailer.ts'
import { startNotificationMailer } from './services/notifications.service.ts'
import { resolveSessionSecret } from './session-secret.ts'

/** A listening server and how to stop it gracefully. */
export interface RunningServer {
  /** Where it listens, e.g. `http://127.0.0.1:3000`. */
  url: string
  ctx: AppContext
  /** Stops accepting, lets requests in flight finish (up to the grace period), then closes sessions and the pool. */
  close(): Promise<void>
}

/** Options for tests and the CLI. */
export interface StartOptions {
  log?: Log
  /** Runs after migrations and before listening, with the context (the demo seed uses it). */
  beforeListen?: (ctx: AppContext) => Promise<void>
  /** How long in-flight requests may take to finish on shutdown. */
  shutdownGraceMs?: number
  /** How long an unused live document stays loaded (tests shorten it). */
  documentIdleMs?: number
  /** Tests: fold a live document's log after this many updates (default `liveCompactionThreshold`). */
  compactAfterUpdates?: number
}

/** Opens the database (embedded or not), applies migrations, builds the app and listens. */
export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const log = options.log ?? createLogger(config)
  const started = Date.now()
  const db = await openDatabase(config, log)
  let bus: CollabBus
  try {
    bus = config.redisUrl
      ? await RedisBus.connect(config.redisUrl, await busChannelPrefix(db.pool), log)
      : new LocalBus()
  } catch (error) {
    await db.close().catch(() => {})
    throw error
  }
  const mailer = createMailer(config, db.pool, log)
  const writer = new UpdateLogWriter(db.pool, log)
  const live = new DocumentRegistry(
    db.pool,
    log,
    writer,
    bus,
    options.documentIdleMs,
    options.compactAfterUpdates,
  )
  const events = new DomainEvents(bus)
  const ctx: AppContext = {
    config,
    log,
    db,
    mailer,
    events,
    live,
    bus,
    state: { migrated: false, shuttingDown: false },
  }
  let sessions: ReturnType<typeof createSessions> | undefined
  try {
    await migrate(db.pool, log)
    ctx.state.migrated = true
    await options.beforeListen?.(ctx)
    sessions = createSessions(db.pool, await resolveSessionSecret(config), config.publicUrl)
    const server = http.createServer(createApp(ctx, sessions))
    const collab = createCollabServer(ctx, sessions.middleware, live)
    const stopMailing = startNotificationMailer(ctx, log)
    server.on('upgrade', (req, socket, head) => {
      if (req.url?.startsWith('/collab/')) collab.handleUpgrade(req, socket, head)
      else socket.destroy()
    })
    server.headersTimeout = 30_000
    server.requestTimeout = 120_000
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(config.port, config.host, () => resolve())
    })
    const { port } = server.address() as AddressInfo
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`
    log.info(
      {
        url,
        publicUrl: config.publicUrl,
        database: db.embedded ? 'embedded' : 'postgres',
        ms: Date.now() - started,
      },
      'server.listening',
    )

    const openSessions = sessions
    let closing: Promise<void> | undefined
    const close = () => {
      closing ??= (async () => {
        ctx.state.shuttingDown = true
        log.info('server.shutdown.started')
        const force = setTimeout(() => server.closeAllConnections(), options.shutdownGraceMs ?? 10_000)
        const httpClosed = new Promise<void>((resolve) => {
          server.close(() => resolve())
          server.closeIdleConnections()
        })
        stopMailing()
        // Sockets first: their updates must be durable before the pool closes.
        await collab.close()
        await httpClosed
        clearTimeout(force)
        openSessions.close()
        mailer.close()
        await closeHtmlParser()
        await stopExportWorker()
        await closePdfBrowser()
        await bus.close()
        await db.close()
        log.info('server.shutdown.finished')
      })()
      return closing
    }
    return { url, ctx, close }
  } catch (error) {
    sessions?.close()
    mailer.close()
    await bus.close().catch(() => {})
    await db.close().catch(() => {})
    throw error
  }
}

/**
 * The Redis channel prefix of this instance: processes on the same database share documents and events;
 * instances on other databases (tests, a staging copy) sharing one Redis stay apart.
 */
async function busChannelPrefix(pool: Database['pool']): Promise<string> {
  const { rows } = await pool.query<{ name: string }>('SELECT current_database() AS name')
  return `marginalia:${rows[0]?.name ?? 'default'}:`
}
