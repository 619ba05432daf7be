/**
 * How live documents on several processes hear each other's updates. In one process there is nobody to hear;
 * with REDIS_URL a Redis implementation carries them (later work). Received updates are applied with origin
 * `remote` and never published again.
 */
export interface CollabBus {
  publish(documentId: string, update: Uint8Array): void
  subscribe(documentId: string, onUpdate: (update: Uint8Array) => void): () => void
  close(): Promise<void>
}

/** The bus of a single process: publishing reaches no one. */
export class LocalBus implements CollabBus {
  publish(): void {}
  subscribe(): () => void {
    return () => {}
  }
  async close(): Promise<void> {}
}
