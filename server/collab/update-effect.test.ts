import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { changesDocument } from './update-effect.ts'

function docWith(text: string): Y.Doc {
  const doc = new Y.Doc()
  doc.getText('t').insert(0, text)
  return doc
}

describe('changesDocument', () => {
  it("sees nothing new in a replica's own state, deletions included", () => {
    const server = docWith('hello world')
    server.getText('t').delete(0, 6)
    const reader = new Y.Doc()
    Y.applyUpdate(reader, Y.encodeStateAsUpdate(server))
    expect(changesDocument(server, Y.encodeStateAsUpdate(reader, Y.encodeStateVector(server)))).toBe(false)
    expect(changesDocument(server, Y.encodeStateAsUpdate(reader))).toBe(false)
  })

  it('sees new text and new deletions', () => {
    const server = docWith('hello world')
    const forger = new Y.Doc()
    Y.applyUpdate(forger, Y.encodeStateAsUpdate(server))
    const before = Y.encodeStateVector(forger)
    forger.getText('t').insert(0, 'x')
    expect(changesDocument(server, Y.encodeStateAsUpdate(forger, before))).toBe(true)
    const deleter = new Y.Doc()
    Y.applyUpdate(deleter, Y.encodeStateAsUpdate(server))
    const sv = Y.encodeStateVector(deleter)
    deleter.getText('t').delete(0, 3)
    expect(changesDocument(server, Y.encodeStateAsUpdate(deleter, sv))).toBe(true)
  })
})
