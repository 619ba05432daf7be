import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import type { RequestHandler } from 'express'
import { WebSocketServer } from 'ws'
import { closeCodes, encodeEvent } from '../../shared/collab/messages.ts'
import { editingAllowed } from '../../shared/phases.ts'
import { can } from '../../shared/roles.ts'
import type { AppContext } from '../context.ts'
import { findMembership } from '../db/members.repo.ts'
import { loadActiveUser } from '../services/users.service.ts'
import { authenticateUpgrade } from './authenticate-upgrade.ts'
import { Connection } from './connection.ts'
import type { DocumentRegistry } from './registry.ts'

/** The largest message a client may send (8 MiB); a larger one closes the socket with 1009. */
export const maxMessageBytes = 8 * 1024 * 1024

/** How many sockets one document accepts on one process; the next is closed with 4503 (try later). */
export const maxConnectionsPerDocument = 5000

/** Messages a socket may send while its document is still loading; more closes it (1008). */
const maxQueuedWhileLoading = 256

/** The collaboration endpoint: WebSocket upgrades on `/collab/:documentId`, and the sockets after. */
export interface CollabServer {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void
  /** Closes every socket (1001, going away) and waits until every update is durable. */
  close(): Promise<void>
}

function refuse(socket: Duplex, status: number, message: string): void {
  const reasons: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    503: 'Service Unavailable',
  }
  socket.end(
    `HTTP/1.1 ${status} ${reasons[status] ?? 'Error'}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(message)}\r\n\r\n${message}`,
  )
}

/** Builds the collaboration server over the registry; it reacts to role, phase and account changes. */
export function createCollabServer(
  ctx: AppContext,
  sessions: RequestHandler,
  registry: DocumentRegistry,
): CollabServer {
  // No compression: broadcasts write frames of their own straight to each socket (Connection.sendFrames), which
  // keeps their order among ws's own sends only because ws then never holds a message back.
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes, perMessageDeflate: false })
  const connections = new Set<Connection>()
  const publicOrigin = new URL(ctx.config.publicUrl).origin
  // Bumped by every change of rights. A socket authenticated before such a change but registered after it
  // (the close below could not reach it) checks its rights again.
  let accessEpoch = 0
  const closeWhere = (predicate: (c: Connection) => boolean, code: number, reason: string) => {
    accessEpoch++
    for (const connection of connections) if (predicate(connection)) connection.close(code, reason)
  }
  const recheck = async (connection: Connection, granted: { role: string; phase: string }) => {
    const user = await loadActiveUser(ctx.db.pool, connection.userId)
    if (!user) return connection.close(closeCodes.unauthenticated, 'signed out')
    const now = await findMembership(ctx.db.pool, connection.userId, connection.live.id)
    if (!now) return connection.close(closeCodes.notFound, 'removed from the document')
    if (now.role !== granted.role || now.phase !== granted.phase)
      connection.close(closeCodes.accessChanged, 'rights changed')
  }
  const unsubscribe = [
    ctx.events.on('member.changed', ({ documentId, userId, removed }) =>
      closeWhere(
        (c) => c.live.id === documentId && c.userId === userId,
        removed ? closeCodes.notFound : closeCodes.accessChanged,
        removed ? 'removed from the document' : 'role changed',
      ),
    ),
    ctx.events.on('user.sessions_ended', ({ userId }) =>
      closeWhere((c) => c.userId === userId, closeCodes.unauthenticated, 'signed out'),
    ),
    ctx.events.on('document.phase_changed', ({ documentId }) =>
      closeWhere((c) => c.live.id === documentId, closeCodes.accessChanged, 'phase changed'),
    ),
    ctx.events.on('thread.changed', ({ documentId, name, thread }) => {
      const live = registry.get(documentId)
      if (!live || live.connections.size === 0) return
      const message = encodeEvent({ type: name, thread })
      for (const connection of live.connections) connection.send(message)
    }),
    ctx.events.on('document.deleted', ({ documentId }) =>
      closeWhere((c) => c.live.id === documentId, closeCodes.notFound, 'document deleted'),
    ),
    // Back from a Redis outage: an access change made through another process may have been missed, so
    // every socket reconnects and is authorized afresh (the clients do this on their own after 4001).
    ctx.bus.onResume(() => closeWhere(() => true, closeCodes.accessChanged, 'check access again')),
  ]

  async function accept(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const epoch = accessEpoch
    const grant = await authenticateUpgrade(req, { publicOrigin, sessions, db: ctx.db.pool })
    if ('status' in grant) return refuse(socket, grant.status, grant.message)
    const { user, membership } = grant
    wss.handleUpgrade(req, socket, head, (ws) => {
      const queued: Uint8Array[] = []
      let connection: Connection | undefined
      ws.binaryType = 'nodebuffer'
      ws.on('message', (data: Buffer) => {
        if (connection)
          return connection.receive(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
        if (queued.length >= maxQueuedWhileLoading)
          return ws.close(1008, 'too many messages before the document loaded')
        queued.push(new Uint8Array(data))
      })
      ws.on('error', (error) => ctx.log.debug({ err: error }, 'collab.socket.error'))
      registry.acquire(membership.document_id).then(
        (live) => {
          if (ws.readyState !== ws.OPEN) return registry.release(live.id)
          if (live.connections.size >= maxConnectionsPerDocument) {
            ws.close(closeCodes.documentFull, 'document full')
            return registry.release(live.id)
          }
          const readOnly =
            !can(membership.role, 'edit') ||
            !editingAllowed({ phase: membership.phase, commentDeadline: null })
          connection = new Connection(ws, socket, live, user.id, membership.role, readOnly, ctx.log)
          const open = connection
          live.connections.add(open)
          connections.add(open)
          ws.on('close', () => {
            live.connections.delete(open)
            connections.delete(open)
            live.dropPresence(open.presence)
            registry.release(live.id)
          })
          open.start()
          for (const message of queued.splice(0)) open.receive(message)
          if (accessEpoch !== epoch) {
            recheck(open, membership).catch((error: unknown) =>
              ctx.log.warn({ err: error }, 'collab.recheck.failed'),
            )
          }
        },
        (error: unknown) => {
          ctx.log.error({ err: error, documentId: membership.document_id }, 'collab.doc.load_failed')
          ws.close(1011, 'the document could not be loaded')
        },
      )
    })
  }

  return {
    handleUpgrade(req, socket, head) {
      socket.on('error', () => socket.destroy())
      accept(req, socket, head).catch((error: unknown) => {
        ctx.log.error({ err: error }, 'collab.upgrade.failed')
        refuse(socket, 503, 'Try again later.')
      })
    },
    async close() {
      for (const stop of unsubscribe) stop()
      closeWhere(() => true, 1001, 'server shutting down')
      wss.close()
      await registry.close()
    },
  }
}
