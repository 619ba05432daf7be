import { readFile } from 'node:fs/promises'
import type pg from 'pg'
import { stateFromMarkdown } from '../collab/document-store.ts'
import { appendUpdates } from '../db/document-state.repo.ts'
import { insertDocument } from '../db/documents.repo.ts'
import { addMemberIfAbsent } from '../db/members.repo.ts'
import { withTransaction } from '../db/transaction.ts'
import { findUserByEmail, insertUser } from '../db/users.repo.ts'
import type { Log } from '../log.ts'
import { hashPassword } from '../services/passwords.ts'
import { type DemoAccount, demoAccounts, demoPassword } from './accounts.ts'

/** The sample draft's fixed id, so that seeding twice finds it again. */
export const demoDocumentId = '0d7c5a3e-5b1f-4c2a-9e55-3f1d2b6a7c01'

/**
 * Where the sample draft's Markdown lives (a copy of the team's stand-in draft). Written from the project's
 * root, two levels up, so that it also holds in the built server (dist/server/*.mjs, bin/server-build.js).
 */
export const demoDraftUrl = new URL('../../server/demo/benchmarking-guidelines-draft.md', import.meta.url)

/** What seeding did: every demo account with its role, and which of them are new. */
export interface SeedResult {
  accounts: Array<DemoAccount & { created: boolean }>
  password: string
  documentId: string
  documentTitle: string
}

async function readDraft(): Promise<{ title: string; markdown: string }> {
  const markdown = await readFile(demoDraftUrl, 'utf8')
  return { title: /^#\s+(.+)$/m.exec(markdown)?.[1]?.trim() ?? 'Sample draft', markdown }
}

/**
 * Creates the demo accounts (one per role, experts from several countries) and the sample draft with
 * them as members. Idempotent: accounts and memberships that exist are left as they are.
 */
export async function seedDemo(pool: pg.Pool, log: Log): Promise<SeedResult> {
  const { title, markdown } = await readDraft()
  const passwordHash = await hashPassword(demoPassword)
  const accounts = await withTransaction(pool, log, async (tx) => {
    const seeded: Array<SeedResult['accounts'][number] & { userId: string }> = []
    for (const account of demoAccounts) {
      const inserted = await insertUser(tx, { ...account, passwordHash, isAdmin: account.isAdmin ?? false })
      const user = inserted ?? (await findUserByEmail(tx, account.email))
      if (!user) throw new Error(`demo account ${account.email} could not be created`)
      seeded.push({ ...account, created: inserted !== undefined, userId: user.id })
    }
    const owner = seeded.find((account) => account.role === 'owner')
    const created = await insertDocument(tx, { id: demoDocumentId, title, createdBy: owner?.userId ?? null })
    if (created) await appendUpdates(tx, [created], [stateFromMarkdown(markdown)])
    for (const account of seeded) await addMemberIfAbsent(tx, demoDocumentId, account.userId, account.role)
    return seeded.map(({ userId: _userId, ...account }) => account)
  })
  log.info({ created: accounts.filter((a) => a.created).length, documentId: demoDocumentId }, 'demo.seeded')
  return { accounts, password: demoPassword, documentId: demoDocumentId, documentTitle: title }
}

/** The demo accounts as lines for a terminal: role, email, name and country. */
export function formatDemoAccounts(result: Pick<SeedResult, 'accounts' | 'password'>): string {
  const rows = result.accounts.map(
    (a) =>
      `  ${(a.isAdmin ? `${a.role} + admin` : a.role).padEnd(16)} ${a.email.padEnd(26)} ${a.name} (${a.country}, ${a.organization})`,
  )
  return [`Demo accounts (password: ${result.password}):`, ...rows].join('\n')
}

/** The demo accounts as seeded, for a restart that finds them already there. */
export function formatDemoAccountList(): string {
  return formatDemoAccounts({
    accounts: demoAccounts.map((a) => ({ ...a, created: false })),
    password: demoPassword,
  })
}
