import type { Page } from '../../shared/api/documents.ts'
import type { UserDto } from '../../shared/api/users.ts'
import { findMentions } from '../../shared/mentions.ts'
import type { AppContext } from '../context.ts'
import { listMembers } from '../db/members.repo.ts'
import {
  claimMailBatches,
  countUnread,
  insertNotifications,
  listNotifications,
  markRead,
  type NewNotification,
  type NotificationKind,
} from '../db/notifications.repo.ts'
import type { Queryable } from '../db/queryable.ts'
import type { Log } from '../log.ts'
import type { Mailer } from '../mail/mailer.ts'
import { cursorChecks, decodeCursor, encodeCursor } from './cursor.ts'

/** A notification as the inbox shows it. */
export interface NotificationDto {
  id: string
  kind: NotificationKind
  documentId: string
  documentTitle: string
  threadId: string
  commentId: string | null
  actor: { id: string; name: string; country: string | null } | null
  excerpt: string
  createdAt: string
  readAt: string | null
}

/**
 * After a comment (a new thread's first one, or a reply): every member it @mentions gets a `mention`, every
 * other participant of the thread a `reply`. Never the writer; only current members. Inside the caller's
 * transaction, so notifications exist exactly when the comment does.
 */
export async function notifyAboutComment(
  tx: Queryable,
  comment: { documentId: string; threadId: string; commentId: string; authorId: string; body: string },
): Promise<void> {
  const members = await listMembers(tx, comment.documentId)
  const mentioned = new Set(
    findMentions(
      comment.body,
      members.map((m) => ({ id: m.user_id, name: m.name })),
    ),
  )
  const { rows } = await tx.query<{ user_id: string }>(
    `SELECT DISTINCT author_id AS user_id FROM comments WHERE thread_id = $1 AND author_id IS NOT NULL
     UNION SELECT author_id FROM threads WHERE id = $1 AND author_id IS NOT NULL`,
    [comment.threadId],
  )
  const memberIds = new Set(members.map((m) => m.user_id))
  const items: NewNotification[] = []
  const add = (userId: string, kind: NotificationKind) => {
    if (userId === comment.authorId || !memberIds.has(userId)) return
    items.push({
      userId,
      documentId: comment.documentId,
      threadId: comment.threadId,
      commentId: comment.commentId,
      kind,
      actorId: comment.authorId,
    })
  }
  for (const userId of mentioned) add(userId, 'mention')
  for (const { user_id } of rows) if (!mentioned.has(user_id)) add(user_id, 'reply')
  await insertNotifications(tx, items)
}

/** Tells one person about a thread: its author that it was resolved, or an assignee that it is theirs now. */
export async function notifyPerson(
  tx: Queryable,
  n: {
    userId: string | null
    documentId: string
    threadId: string
    actorId: string
    kind: 'resolved' | 'assigned'
  },
): Promise<void> {
  if (!n.userId || n.userId === n.actorId) return
  await insertNotifications(tx, [
    {
      userId: n.userId,
      documentId: n.documentId,
      threadId: n.threadId,
      commentId: null,
      kind: n.kind,
      actorId: n.actorId,
    },
  ])
}

/** The signed-in user's inbox, newest first, with the unread count. */
export async function myNotifications(
  db: Queryable,
  actor: UserDto,
  options: { unread: boolean; limit: number; cursor?: string | undefined },
): Promise<Page<NotificationDto> & { unreadCount: number }> {
  const before = options.cursor
    ? decodeCursor(options.cursor, { createdAt: cursorChecks.timestamp, id: cursorChecks.uuid })
    : undefined
  const rows = await listNotifications(db, actor.id, {
    unreadOnly: options.unread,
    limit: options.limit + 1,
    before,
  })
  const page = rows.slice(0, options.limit)
  const last = page.at(-1)
  return {
    items: page.map((row) => ({
      id: row.id,
      kind: row.kind,
      documentId: row.document_id,
      documentTitle: row.document_title,
      threadId: row.thread_id,
      commentId: row.comment_id,
      actor:
        row.actor_id && row.actor_name
          ? { id: row.actor_id, name: row.actor_name, country: row.actor_country }
          : null,
      excerpt: row.excerpt,
      createdAt: row.created_at.toISOString(),
      readAt: row.read_at?.toISOString() ?? null,
    })),
    nextCursor:
      rows.length > options.limit && last
        ? encodeCursor({ createdAt: last.created_at.toISOString(), id: last.id })
        : null,
    unreadCount: await countUnread(db, actor.id),
  }
}

/** Marks notifications read (all of them without ids). */
export async function readNotifications(
  db: Queryable,
  actor: UserDto,
  ids: string[] | undefined,
): Promise<void> {
  await markRead(db, actor.id, ids)
}

/** No more than one mail per thread per person in this long. */
export const mailQuietMs = 5 * 60 * 1000

/**
 * Mails what the inbox holds, batched: every sweep claims the notifications of each (person, thread) that
 * has had no mail for `mailQuietMs` and sends one mail for them. Claiming happens in Postgres, so several
 * processes sweep without sending twice. Answers how many mails went out.
 */
export async function mailNotifications(ctx: {
  db: { pool: Queryable }
  mailer: Mailer
  config: { publicUrl: string }
}): Promise<number> {
  const batches = await claimMailBatches(ctx.db.pool, mailQuietMs)
  for (const batch of batches) {
    const what = batch.kinds.includes('mention') ? 'mentioned you' : 'replied'
    const who = batch.actors.length > 0 ? batch.actors.join(', ') : 'Someone'
    await ctx.mailer.send({
      to: batch.email,
      subject: `${who} ${what} on "${batch.document_title}"`,
      body: [
        `${who} ${what} in a thread on "${batch.document_title}"${batch.quote ? ` about "${batch.quote.slice(0, 120)}"` : ''}.`,
        `${batch.count} new ${batch.count === 1 ? 'comment' : 'comments'}.`,
        '',
        `${ctx.config.publicUrl}/documents/${batch.document_id}#thread=${batch.thread_id}`,
      ].join('\n'),
    })
  }
  return batches.length
}

/** Sweeps every `intervalMs` in the background; answers the stop function. */
export function startNotificationMailer(ctx: AppContext, log: Log, intervalMs = 30_000): () => void {
  const timer = setInterval(() => {
    mailNotifications(ctx).catch((error: unknown) => log.warn({ err: error }, 'notifications.mail_failed'))
  }, intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}
