import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { type CollabEvent, messageEvent, readEvent } from '../../shared/collab/messages.ts'
import type { HttpAgent } from './http-agent.ts'

/** A stock y-websocket client connected as one signed-in user, with the events and close it saw. */
export interface CollabClient {
  doc: Y.Doc
  provider: WebsocketProvider
  events: CollabEvent[]
  /** Resolves with the close code once the server closes the socket. */
  closed: Promise<{ code: number; reason: string }>
  /** Resolves once the first sync finished. */
  synced: Promise<void>
  /** Resolves once everything this client wrote is reported saved; rejects, saying why, after `ms`. */
  saved(ms?: number): Promise<void>
  destroy(): void
}

/** A WebSocket class that sends the agent's session cookie and the given Origin, as a browser would. */
export function webSocketWith(agent: HttpAgent, origin: string): typeof WebSocket {
  const cookie = [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie, origin } })
    }
  } as typeof WebSocket
}

/** Connects the stock `y-websocket` client to `/collab/:documentId` as `agent`'s user. */
export function connectCollab(
  serverUrl: string,
  agent: HttpAgent,
  documentId: string,
  options: { origin?: string; doc?: Y.Doc } = {},
): CollabClient {
  const doc = options.doc ?? new Y.Doc()
  const events: CollabEvent[] = []
  const provider = new WebsocketProvider(`${serverUrl.replace(/^http/, 'ws')}/collab`, documentId, doc, {
    WebSocketPolyfill: webSocketWith(agent, options.origin ?? agent.publicOrigin) as never,
    disableBc: true,
    maxBackoffTime: 200,
  })
  const listeners = new Set<() => void>()
  provider.messageHandlers[messageEvent] = (_encoder, decoder) => {
    events.push(readEvent(decoder))
    for (const listener of listeners) listener()
  }
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    provider.on('connection-close', (event) => {
      if (event) resolve({ code: event.code, reason: event.reason })
    })
  })
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve()
    provider.once('sync', () => resolve())
  })
  const isSaved = () => {
    const mine = Y.getState(doc.store, doc.clientID)
    if (mine === 0) return true
    const last = [...events].reverse().find((e) => e.type === 'saved')
    return last?.type === 'saved' && (last.clocks[String(doc.clientID)] ?? 0) >= mine
  }
  return {
    doc,
    provider,
    events,
    closed,
    synced,
    saved: (ms = 15_000) =>
      new Promise<void>((resolve, reject) => {
        if (isSaved()) return resolve()
        const check = () => {
          if (!isSaved()) return
          listeners.delete(check)
          clearTimeout(timer)
          resolve()
        }
        const timer = setTimeout(() => {
          listeners.delete(check)
          const last = [...events].reverse().find((e) => e.type === 'saved')
          reject(
            new Error(
              `client ${doc.clientID} at clock ${Y.getState(doc.store, doc.clientID)} never heard saved; last: ${JSON.stringify(last)}`,
            ),
          )
        }, ms)
        listeners.add(check)
      }),
    destroy: () => {
      provider.destroy()
      doc.destroy()
    },
  }
}
