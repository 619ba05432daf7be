import type { Config } from '../config.ts'
import { countUsers, findUserByEmail } from '../db/users.repo.ts'
import { demoAccounts } from '../demo/accounts.ts'
import { seedDemoDiscussion } from '../demo/discussion.ts'
import { formatDemoAccountList, formatDemoAccounts, seedDemo } from '../demo/seed.ts'
import type { Log } from '../log.ts'
import { startServer } from '../main.ts'

/** Serves until SIGTERM or SIGINT, then shuts down gracefully. With `seedDemoIfEmpty`, an empty database gets the demo. */
export async function serveCommand(
  config: Config,
  log: Log,
  options: { seedDemoIfEmpty?: boolean } = {},
): Promise<void> {
  let demo: string | undefined
  const server = await startServer(config, {
    log,
    beforeListen: async (ctx) => {
      if (!options.seedDemoIfEmpty) return
      if ((await countUsers(ctx.db.pool)) === 0) {
        demo = formatDemoAccounts(await seedDemo(ctx.db.pool, log))
        await seedDemoDiscussion(ctx)
      } else if (await findUserByEmail(ctx.db.pool, demoAccounts[0]!.email)) demo = formatDemoAccountList()
    },
  })
  const banner = [
    '',
    `Marginalia is running: open ${config.publicUrl}`,
    `Database: ${server.ctx.db.embedded ? `embedded, files in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`,
    demo ??
      (options.seedDemoIfEmpty
        ? 'Sign in with your account (the demo accounts are listed by `npm run cli -- seed-demo`).'
        : ''),
    'Stop with Ctrl+C.',
    '',
  ]
  console.log(banner.filter((line, i) => line !== '' || i === 0 || i === banner.length - 1).join('\n'))

  let stopping = false
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, 'server.shutdown.forced')
      process.exit(1)
    }
    stopping = true
    log.info({ signal }, 'server.signal')
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'server.shutdown.failed')
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}
