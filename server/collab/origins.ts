import type { Connection } from './connection.ts'

/** Where an applied update came from; every `Y.applyUpdate` on a live document carries one. */
export type UpdateOrigin =
  /** A client on this process: persist, fan out to the others and the bus. */
  | { source: 'connection'; connection: Connection }
  /** The server itself (an API call: apply a proposed change, import): persist and fan out. */
  | { source: 'server' }
  /** Another process, through the bus: persist (so this process's `saved` holds) and fan out locally only. */
  | { source: 'remote' }
  /** Storage, while loading. */
  | { source: 'load' }
