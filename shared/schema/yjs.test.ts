import type { Node } from 'prosemirror-model'
import { describe, expect, it } from 'vitest'
import { prosemirrorJSONToYDoc, yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror'
import * as Y from 'yjs'
import { parseMarkdown } from './markdown.ts'
import { schema } from './schema.ts'
import { kitchenSink, readSampleDraft } from './test-fixtures.ts'

/** The name of the Y.XmlFragment the editor binds to. */
const fragmentName = 'prosemirror'

/** Write a document into a Y.Doc, send it as one update to a second Y.Doc, and read it back there. */
function throughYjs(document: Node): Node {
  const source = prosemirrorJSONToYDoc(schema, document.toJSON(), fragmentName)
  const replica = new Y.Doc()
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(source), { source: 'remote' })
  return yXmlFragmentToProseMirrorRootNode(replica.getXmlFragment(fragmentName), schema)
}

describe('Yjs round trip', () => {
  it('gives back the sample draft unchanged', async () => {
    const draft = parseMarkdown(await readSampleDraft())
    expect(throughYjs(draft).eq(draft)).toBe(true)
  })

  it('gives back every node and mark with their attributes', () => {
    const document = kitchenSink()
    expect(throughYjs(document).eq(document)).toBe(true)
  })
})
