import type * as Y from 'yjs'

/**
 * Lets a long-lived Y.Doc's finished transactions be collected as young garbage.
 *
 * Yjs keeps each document's finished transactions in an array that it replaces only when the next transaction
 * ends. On a document edited a few times a second that array outlives two young-generation collections and is
 * moved to the old generation; the young collector cannot tell it is garbage, so the transaction it still
 * holds is kept alive, copied, and promoted with its maps and sets, for the full collector to find later.
 * Emptying the array once every listener has seen it breaks that chain. In the collaboration benchmark's 100
 * small drafts the server then promoted about half as much, with fewer full collections (docs/benchmarks.md,
 * "Yjs transactions").
 */
export function releaseFinishedTransactions(doc: Y.Doc): void {
  doc.on('afterAllTransactions', (_doc, transactions) => {
    // After this turn's other listeners: one registered later may still read the array.
    queueMicrotask(() => {
      transactions.length = 0
    })
  })
}
