import { randomBytes } from 'node:crypto'
import type pg from 'pg'
import { initProseMirrorDoc } from 'y-prosemirror'
import * as Y from 'yjs'
import { stateFromMarkdown } from '../../server/collab/document-store.ts'
import { insertComment } from '../../server/db/comments.repo.ts'
import { appendUpdates } from '../../server/db/document-state.repo.ts'
import { insertDocument } from '../../server/db/documents.repo.ts'
import { addMemberIfAbsent } from '../../server/db/members.repo.ts'
import { insertThread } from '../../server/db/threads.repo.ts'
import { createUser } from '../../server/services/users.service.ts'
import { anchorRange, findQuote, quoteOf } from '../../shared/anchors/index.ts'
import type { UserDto } from '../../shared/api/users.ts'
import type { DocumentRole } from '../../shared/roles.ts'
import { schema } from '../../shared/schema/index.ts'

/** The password every account made by `given` has. */
export const testPassword = 'correct horse battery staple'

/** An account with a unique email; `overrides` set any field. */
export async function givenUser(
  pool: pg.Pool,
  overrides: Partial<{
    name: string
    email: string
    country: string
    organization: string
    isAdmin: boolean
  }> = {},
): Promise<UserDto> {
  const tag = randomBytes(4).toString('hex')
  return createUser(pool, {
    email: overrides.email ?? `user-${tag}@test.example`,
    name: overrides.name ?? `User ${tag}`,
    password: testPassword,
    country: overrides.country ?? 'BW',
    organization: overrides.organization ?? 'Botswana Open University',
    isAdmin: overrides.isAdmin ?? false,
  })
}

/** A document with the given members (user → role). Returns its id. */
export async function givenDocument(
  pool: pg.Pool,
  title: string,
  members: Array<[UserDto, DocumentRole]>,
): Promise<string> {
  const { rows } = await pool.query<{ id: string }>('SELECT gen_random_uuid() AS id')
  const id = rows[0]!.id
  await insertDocument(pool, { id, title, createdBy: members[0]?.[0].id ?? null })
  for (const [user, role] of members) await addMemberIfAbsent(pool, id, user.id, role)
  return id
}

/** A general (whole-document) thread with one comment by `author`. Answers the thread and comment ids. */
export async function givenThread(
  pool: pg.Pool,
  documentId: string,
  author: UserDto,
  body = 'A general remark.',
) {
  const threadId = await insertThread(pool, {
    documentId,
    authorId: author.id,
    type: 'general',
    proposedText: null,
    anchorKind: 'document',
    anchorStart: null,
    anchorEnd: null,
    quote: '',
    prefix: '',
    suffix: '',
    section: [],
  })
  const commentId = await insertComment(pool, threadId, author.id, body)
  return { threadId, commentId }
}

/**
 * Gives a document the text of `markdown` and opens a thread on `quote` with a proposed change, as an API
 * client would (relative positions and all). Answers the thread id.
 */
export async function givenTextThread(
  pool: pg.Pool,
  documentId: string,
  author: UserDto,
  options: { markdown: string; quote: string; proposedText: string },
): Promise<string> {
  const state = stateFromMarkdown(options.markdown)
  await appendUpdates(pool, [documentId], [state])
  const ydoc = new Y.Doc()
  Y.applyUpdate(ydoc, state)
  const fragment = ydoc.getXmlFragment('prosemirror')
  const { doc, mapping } = initProseMirrorDoc(fragment, schema)
  const found = findQuote(doc, { quote: options.quote })
  if (!('from' in found)) throw new Error(`quote not found: ${options.quote}`)
  const positions = anchorRange({ doc, fragment, mapping: mapping as never }, found.from, found.to)
  const threadId = await insertThread(pool, {
    documentId,
    authorId: author.id,
    type: 'editorial',
    proposedText: options.proposedText,
    anchorKind: 'text',
    anchorStart: positions.start,
    anchorEnd: positions.end,
    ...quoteOf(doc, found.from, found.to),
    section: [],
  })
  await insertComment(pool, threadId, author.id, 'Please change this.')
  return threadId
}
