import { buildClientIfNeeded } from './cli/build-client.ts'
import { createUserCommand } from './cli/create-user.ts'
import { withMigratedDatabase } from './cli/database-command.ts'
import { exportCommand } from './cli/export.ts'
import { serveCommand } from './cli/serve.ts'
import { ConfigError, loadConfig } from './config.ts'
import { formatDemoAccounts, seedDemo } from './demo/seed.ts'
import { createLogger } from './log.ts'

const usage = `Usage: marginalia <command> [options]

Commands:
  serve            run the server (HTTP, API and collaboration socket)
  start            build the web client if needed, seed the demo on an empty database, and serve (npm start)
  migrate          apply pending database migrations and exit
  create-user      --email E --name N --password P [--country CC] [--organization O] [--admin]
  seed-demo        create the demo accounts and the sample draft, and print the accounts (idempotent)
  export           --document ID --format docx|md|html|pdf [--comments all|open|none] [--version VID] --out FILE
                   write the draft (or its named version VID) to FILE, as its first owner would export it
                   (comments: none by default)
  help             show this text

Configuration comes from the environment; see README.md.`

/** The command line: `npx marginalia <command>`. Prints errors as sentences, never as stack traces. */
export async function runCli(argv: string[]): Promise<void> {
  const [command = 'help', ...args] = argv
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(usage)
    return
  }
  const config = loadConfig()
  // One-off commands, and `start` (a trial on one machine), log only warnings unless LOG_LEVEL says
  // otherwise, so that their own lines (where to open Marginalia, how to sign in) come first.
  const quiet = command !== 'serve' && !config.logLevelSet
  const log = createLogger(quiet ? { logLevel: 'warn' } : config)
  switch (command) {
    case 'serve':
      return serveCommand(config, log)
    case 'start':
      await buildClientIfNeeded()
      return serveCommand(config, log, { seedDemoIfEmpty: true })
    case 'migrate': {
      await withMigratedDatabase(config, log, async () => {})
      console.log('Migrations are up to date.')
      return
    }
    case 'create-user':
      return createUserCommand(args, config, log)
    case 'export':
      return exportCommand(args, config, log)
    case 'seed-demo': {
      const result = await withMigratedDatabase(config, log, (pool) => seedDemo(pool, log))
      console.log(
        `Sample draft: ${result.documentTitle} (${config.publicUrl}/documents/${result.documentId})`,
      )
      console.log(formatDemoAccounts(result))
      return
    }
    default:
      throw new Error(`Unknown command "${command}".\n\n${usage}`)
  }
}

runCli(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message)
  else console.error(`marginalia: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
})
