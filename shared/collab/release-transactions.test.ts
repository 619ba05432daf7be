import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { releaseFinishedTransactions } from './release-transactions.ts'

describe('releaseFinishedTransactions', () => {
  it('empties the finished transactions once every listener has seen them', async () => {
    const doc = new Y.Doc()
    releaseFinishedTransactions(doc)
    let finished: Y.Transaction[] = []
    let seen = 0
    doc.on('afterAllTransactions', (_doc, transactions) => {
      finished = transactions
      seen = transactions.length
    })
    doc.getText('t').insert(0, 'hello')
    expect(seen).toBe(1)
    await Promise.resolve()
    expect(finished).toHaveLength(0)
  })

  it('leaves the document, its updates and nested transactions as they were', async () => {
    const doc = new Y.Doc()
    releaseFinishedTransactions(doc)
    const replica = new Y.Doc()
    doc.on('update', (update: Uint8Array) => Y.applyUpdate(replica, update))
    const text = doc.getText('t')
    // A transaction started from an observer joins the cleanup of the one that caused it.
    text.observe((event) => {
      if (!event.transaction.local || text.toString().endsWith('!')) return
      text.insert(text.length, '!')
    })
    for (const word of ['one', ' two', ' three']) {
      text.insert(text.length, word)
      await Promise.resolve()
    }
    expect(text.toString()).toBe('one! two! three!')
    expect(replica.getText('t').toString()).toBe('one! two! three!')
    expect(Y.encodeStateAsUpdate(replica)).toEqual(Y.encodeStateAsUpdate(doc))
  })
})
