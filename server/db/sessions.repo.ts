import type session from 'express-session'
import type { MembershipRow } from './members.repo.ts'
import type { Queryable } from './queryable.ts'
import type { UserRow } from './users.repo.ts'

/** Deletes every stored session of a user, so they are signed out everywhere at once. Answers how many. */
export async function deleteSessionsOfUser(db: Queryable, userId: string): Promise<number> {
  const { rowCount } = await db.query(`DELETE FROM session WHERE sess -> 'passport' ->> 'user' = $1`, [
    userId,
  ])
  return rowCount ?? 0
}

/** What one session read answers: the session, its account, and (when asked) the account's membership. */
export interface SessionRead {
  sess: session.SessionData
  account: UserRow | undefined
  /** Undefined unless a document was asked about; null when the account is no member of it. */
  membership?: MembershipRow | null
}

/**
 * A live session (its expiry not passed, to the second, as connect-pg-simple asks) with the account it is
 * signed in as and, given `documentId`, that account's membership of the document, in one query; undefined
 * when there is no such session.
 */
export async function findSessionWithAccount(
  db: Queryable,
  sid: string,
  documentId?: string,
): Promise<SessionRead | undefined> {
  // read_session (migration 0016) is the join over session, users, document_members, documents and
  // thread_list_versions, planned once per connection.
  const { rows } = await db.query<{ sess: session.SessionData } & Partial<UserRow> & Partial<MembershipRow>>(
    'SELECT * FROM read_session($1, $2, $3)',
    [sid, Math.ceil(Date.now() / 1000), documentId ?? null],
  )
  const row = rows[0]
  if (!row) return undefined
  const {
    sess,
    document_id,
    user_id,
    role,
    title,
    phase,
    comment_deadline,
    thread_list_version,
    ...account
  } = row
  const read: SessionRead = { sess, account: account.id ? (account as UserRow) : undefined }
  if (documentId !== undefined) {
    read.membership =
      document_id && user_id && role && title !== undefined && phase
        ? {
            document_id,
            user_id,
            role,
            title,
            phase,
            comment_deadline: comment_deadline ?? null,
            thread_list_version,
          }
        : null
  }
  return read
}
