import type { Schema } from 'prosemirror-model'
import { initProseMirrorDoc } from 'y-prosemirror'
import type * as Y from 'yjs'
import type { ProseMirrorMapping } from './relative.ts'
import type { AnchorContext } from './resolve.ts'

/**
 * An anchor context over a Yjs fragment whose ProseMirror view (`doc`, `mapping`) is built only when something
 * asks for it. Resolving anchors that follow their text reads the Yjs form directly (a text map) and never
 * does; finding a lost quote, an anchor between blocks or making new relative positions builds the view.
 */
export function lazyAnchorContext(fragment: Y.XmlFragment, schema: Schema): AnchorContext {
  let view: ReturnType<typeof initProseMirrorDoc> | undefined
  const build = () => {
    view ??= initProseMirrorDoc(fragment, schema)
    return view
  }
  return {
    fragment,
    schema,
    get doc() {
      return build().doc
    },
    get mapping() {
      return build().mapping as ProseMirrorMapping
    },
  }
}
