/**
 * How processes serving the same instance hear each other. In one process there is nobody to hear
 * (`LocalBus`); with REDIS_URL, `RedisBus` carries everything through Redis pub/sub. What arrives from another
 * process is applied locally with origin `remote` and never published again.
 */
export interface CollabBus {
  /** False when nobody else listens (one process): what is published goes nowhere, so it need not be encoded. */
  readonly reachesOtherProcesses: boolean
  /** A Yjs update applied on this process (from a client or the server itself). */
  publishUpdate(documentId: string, update: Uint8Array): void
  /** Presence that changed on this process (an encoded awareness update). */
  publishAwareness(documentId: string, update: Uint8Array): void
  /** Asks the processes holding the document for what a state vector lacks; they answer with an update. */
  requestSync(documentId: string, stateVector: Uint8Array): void
  /** Listens to one document; answers the unsubscribe function. */
  subscribe(documentId: string, listener: DocumentListener): () => void
  /** A domain event for the other processes (see `DomainEvents`). */
  publishEvent(name: string, payload: unknown): void
  /** Listens to other processes' domain events; answers the unsubscribe function. */
  onEvent(listener: (name: string, payload: unknown) => void): () => void
  /**
   * Calls `listener` when the bus is back after an outage, during which other processes' events (an access
   * change among them) may have been missed; answers the unsubscribe function.
   */
  onResume(listener: () => void): () => void
  /** False while a configured Redis is unreachable (`/readyz` reports it). */
  readonly healthy: boolean
  close(): Promise<void>
}

/** What a live document hears from the other processes. */
export interface DocumentListener {
  update(update: Uint8Array): void
  awareness(update: Uint8Array): void
  /** Another process asks for what `stateVector` lacks. */
  syncRequested(stateVector: Uint8Array): void
  /**
   * The subscription is live (first time, or again after the connection to Redis came back): anything
   * published meanwhile was missed, so the document asks the others to fill it in.
   */
  listening(): void
}

/** The bus of a single process: publishing reaches no one. */
export class LocalBus implements CollabBus {
  readonly reachesOtherProcesses = false
  readonly healthy = true
  publishUpdate(): void {}
  publishAwareness(): void {}
  requestSync(): void {}
  subscribe(): () => void {
    return () => {}
  }
  publishEvent(): void {}
  onEvent(): () => void {
    return () => {}
  }
  onResume(): () => void {
    return () => {}
  }
  async close(): Promise<void> {}
}
