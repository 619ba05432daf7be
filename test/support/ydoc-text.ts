import * as Y from 'yjs'

/** Appends a paragraph with `text` to the draft's shared type, as the editor would. */
export function appendParagraph(doc: Y.Doc, text: string): void {
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText(text)])
  const fragment = doc.getXmlFragment('prosemirror')
  fragment.insert(fragment.length, [paragraph])
}

/** Every paragraph's text, in order. */
export function paragraphs(doc: Y.Doc): string[] {
  return doc
    .getXmlFragment('prosemirror')
    .toArray()
    .map((node) =>
      node instanceof Y.XmlElement
        ? node
            .toArray()
            .map((child) => child.toString())
            .join('')
        : '',
    )
}

/** Waits until `check` holds, polling; throws with `what` after `ms`. */
export async function eventually(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const started = Date.now()
  while (!check()) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for: ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
