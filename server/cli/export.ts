import { writeFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { LocalBus } from '../collab/bus.ts'
import { DocumentRegistry } from '../collab/registry.ts'
import { UpdateLogWriter } from '../collab/update-log-writer.ts'
import type { Config } from '../config.ts'
import type { AppContext } from '../context.ts'
import type { Database } from '../db/database.ts'
import { findMembership, listMembers } from '../db/members.repo.ts'
import { DomainEvents } from '../events/domain-events.ts'
import { commentModes, draftFormats, exportDraft } from '../export/export.service.ts'
import { stopExportWorker } from '../export/export-worker.ts'
import { closePdfBrowser } from '../export/pdf.ts'
import type { Log } from '../log.ts'
import { createMailer } from '../mail/mailer.ts'
import { isUuid } from '../policies/access.ts'
import { loadActiveUser } from '../services/users.service.ts'
import { withMigratedDatabase } from './database-command.ts'

const Options = z.object({
  document: z.string({ message: 'required: the id of the document' }).refine(isUuid, 'not a document id'),
  format: z.enum(draftFormats, { message: `required: one of ${draftFormats.join(', ')}` }),
  comments: z.enum(commentModes, { message: `one of ${commentModes.join(', ')}` }).default('none'),
  version: z.string().refine(isUuid, 'not a version id (see GET /api/documents/:id/versions)').optional(),
  out: z.string({ message: 'required: the file to write' }).min(1, 'required: the file to write'),
})

/** The pieces of the server a one-off export needs: live documents over the database, and no listeners. */
function exportContext(config: Config, log: Log, pool: Database['pool']): AppContext {
  const db: Database = { pool, embedded: !config.databaseUrl, close: async () => {} }
  const writer = new UpdateLogWriter(pool, log)
  return {
    config,
    log,
    db,
    mailer: createMailer(config, pool, log),
    events: new DomainEvents(),
    live: new DocumentRegistry(pool, log, writer, new LocalBus(), 0),
    bus: new LocalBus(),
    state: { migrated: true, shuttingDown: false },
  }
}

/**
 * `export --document ID --format docx|md|html|pdf [--comments all|open|none] [--version VID] --out FILE`: the
 * same export as the web UI's, made as the document's first owner, written to FILE; with `--version`, a named
 * version's text with the thread states it recorded.
 */
export async function exportCommand(args: string[], config: Config, log: Log): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      document: { type: 'string' },
      format: { type: 'string' },
      comments: { type: 'string' },
      version: { type: 'string' },
      out: { type: 'string' },
    },
    strict: true,
  })
  const parsed = Options.safeParse(values)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  --${issue.path.join('.')}: ${issue.message}`)
    throw new Error(
      `export needs valid options:\n${problems.join('\n')}\n\nUsage: marginalia export --document ID --format ${draftFormats.join('|')} [--comments all|open|none] [--version VID] --out FILE`,
    )
  }
  const input = parsed.data
  const file = await withMigratedDatabase(config, log, async (pool) => {
    const owner = (await listMembers(pool, input.document)).find((member) => member.role === 'owner')
    if (!owner) throw new Error(`No document with id ${input.document} (or it has no owner).`)
    const [actor, member] = await Promise.all([
      loadActiveUser(pool, owner.user_id),
      findMembership(pool, owner.user_id, input.document),
    ])
    if (!actor || !member) throw new Error(`The owner of document ${input.document} has no active account.`)
    const ctx = exportContext(config, log, pool)
    try {
      return await exportDraft(ctx, actor, member, {
        format: input.format,
        comments: input.comments,
        version: input.version,
      })
    } finally {
      await ctx.live.close()
      ctx.mailer.close()
      await stopExportWorker()
      await closePdfBrowser()
    }
  })
  await writeFile(input.out, file.body)
  console.log(`Wrote ${input.out} (${file.body.length} bytes): "${file.filename}".`)
}
