import type session from 'express-session'
import type pg from 'pg'
import type { MembershipRow } from './members.repo.ts'
import type { Queryable } from './queryable.ts'
import { prepared } from './statements.ts'
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
 * The session, the account it is signed in as, and (for a document) that account's membership with the
 * document's thread-list version: one question at the start of every API request. A named prepared statement,
 * so each connection plans the five-table join once (planning it took several times longer than running it);
 * that costs Postgres half the CPU of the plpgsql function that did the same before (migration 0017). The
 * account columns are those of users.repo.ts (session-read.test.ts compares them).
 */
const sessionJoins = `
    FROM session s
    LEFT JOIN users u
      ON u.id = CASE WHEN s.sess #>> '{passport,user}' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                     THEN (s.sess #>> '{passport,user}')::uuid END
    LEFT JOIN document_members m ON m.user_id = u.id AND m.document_id = $3::uuid
    LEFT JOIN documents d ON d.id = m.document_id
    LEFT JOIN thread_list_versions v ON v.document_id = m.document_id
   WHERE s.sid = $1 AND s.expire >= to_timestamp($2)`

const membershipColumns = `m.document_id, m.user_id, m.role, d.title, d.phase, d.comment_deadline,
         coalesce(v.version, 0)::text AS thread_list_version`

const readSessionSql = `
  SELECT s.sess, u.id, u.email, u.name, u.password_hash, u.country::text AS country, u.organization, u.locale,
         u.is_admin, u.can_create_documents, u.disabled_at, u.created_at,
         ${membershipColumns}
  ${sessionJoins}`

/** The same question, answering only who is signed in and their membership (no session data, no account). */
const readSessionMembershipSql = `
  SELECT u.id AS account_id, u.disabled_at IS NOT NULL AS disabled, ${membershipColumns}
  ${sessionJoins}`

/** A membership read by `readSessionMembershipSql`: every column null when there is none. */
type MembershipColumns = Omit<MembershipRow, 'thread_list_version' | 'comment_deadline'> & {
  thread_list_version: string
  comment_deadline: Date | null
}

/** The membership of a row read with a session (null when the account is no member). */
function membershipOf(row: Partial<MembershipColumns>): MembershipRow | null {
  const { document_id, user_id, role, title, phase, comment_deadline, thread_list_version } = row
  return document_id && user_id && role && title !== undefined && phase
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

/** Who a live session is signed in as, and their membership of one document. */
export interface SessionMembership {
  /** The account the session names (undefined: no such account). */
  accountId: string | undefined
  disabled: boolean
  membership: MembershipRow | null
}

/**
 * For the thread list read ahead of the pipeline (server/http/thread-list-read.ts): the account a live session
 * is signed in as, whether it is disabled, and its membership of `documentId`, without the session's data or
 * the account's other columns (less to parse on the hottest read); undefined when there is no live session.
 */
export async function findSessionMembership(
  db: pg.Pool,
  sid: string,
  documentId: string,
): Promise<SessionMembership | undefined> {
  const { rows } = await db.query<
    { account_id: string | null; disabled: boolean | null } & Partial<MembershipColumns>
  >(
    prepared('read-session-membership', readSessionMembershipSql, [
      sid,
      Math.ceil(Date.now() / 1000),
      documentId,
    ]),
  )
  const row = rows[0]
  if (!row) return undefined
  return {
    accountId: row.account_id ?? undefined,
    disabled: row.disabled === true,
    membership: membershipOf(row),
  }
}

/**
 * A live session (its expiry not passed, to the second, as connect-pg-simple asks) with the account it is
 * signed in as and, given `documentId`, that account's membership of the document, in one query; undefined
 * when there is no such session.
 */
export async function findSessionWithAccount(
  db: pg.Pool,
  sid: string,
  documentId?: string,
): Promise<SessionRead | undefined> {
  const { rows } = await db.query<{ sess: session.SessionData } & Partial<UserRow> & Partial<MembershipRow>>(
    prepared('read-session', readSessionSql, [sid, Math.ceil(Date.now() / 1000), documentId ?? null]),
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
  if (documentId !== undefined) read.membership = membershipOf(row)
  return read
}
