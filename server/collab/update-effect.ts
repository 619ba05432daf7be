import * as Y from 'yjs'

/** The delete set's range shape inside Yjs (not in its public types). */
interface DeleteRange {
  clock: number
  len: number
}

/** True when [clock, clock + len) lies inside one of the sorted, merged ranges. */
function covered(ranges: DeleteRange[], clock: number, len: number): boolean {
  let low = 0
  let high = ranges.length - 1
  while (low <= high) {
    const mid = (low + high) >> 1
    const range = ranges[mid]!
    if (range.clock + range.len <= clock) low = mid + 1
    else if (range.clock > clock) high = mid - 1
    else return clock + len <= range.clock + range.len
  }
  return false
}

/**
 * Would applying `update` change `doc`? New structs (past the document's clock for their client), or
 * deletions of content the document has not deleted. A read-only client's ordinary sync reply repeats the
 * document's own deletions and brings nothing new: that is no offence; anything else is.
 */
export function changesDocument(doc: Y.Doc, update: Uint8Array): boolean {
  const meta = Y.parseUpdateMeta(update)
  for (const [client, clock] of meta.to) if (clock > Y.getState(doc.store, client)) return true
  const { ds } = Y.decodeUpdate(update) as unknown as { ds: { clients: Map<number, DeleteRange[]> } }
  if (ds.clients.size === 0) return false
  const known = Y.createDeleteSetFromStructStore(doc.store) as unknown as {
    clients: Map<number, DeleteRange[]>
  }
  for (const [client, ranges] of ds.clients) {
    const existing = known.clients.get(client) ?? []
    for (const range of ranges) if (!covered(existing, range.clock, range.len)) return true
  }
  return false
}
