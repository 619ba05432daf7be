import { randomBytes } from 'node:crypto'
import type pg from 'pg'
import { insertComment } from '../../server/db/comments.repo.ts'
import { insertDocument } from '../../server/db/documents.repo.ts'
import { addMemberIfAbsent } from '../../server/db/members.repo.ts'
import { insertThread } from '../../server/db/threads.repo.ts'
import { createUser } from '../../server/services/users.service.ts'
import type { UserDto } from '../../shared/api/users.ts'
import type { DocumentRole } from '../../shared/roles.ts'

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
