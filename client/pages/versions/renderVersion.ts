import { DOMSerializer, Node as ProseMirrorNode } from 'prosemirror-model'
import { schema } from '../../editor/schema.ts'

/**
 * Shows a version's text (ProseMirror JSON from the API) inside `target`, read-only. The JSON is checked
 * against the shared schema (an unknown node or mark throws) and turned into DOM by the schema's own
 * serializer, whose links and images pass its URL checks: no HTML from the wire is ever injected.
 */
export function renderVersion(json: unknown, target: HTMLElement): void {
  const node = ProseMirrorNode.fromJSON(schema, json)
  node.check()
  const fragment = DOMSerializer.fromSchema(schema).serializeFragment(node.content, {
    document: target.ownerDocument,
  })
  target.replaceChildren(fragment)
}
