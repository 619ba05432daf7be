import type { Node } from 'prosemirror-model'

/** A table's cells by grid position: the cell at its top-left square, null where a merged cell or nothing is. */
export type Grid = (Node | null)[][]

const grids = new WeakMap<Node, Grid>()

/** The widest span honoured: a document from a Yjs update could claim `colspan: 1e9` and stall the server. */
const maxSpan = 1000

function span(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value)
    ? Math.min(Math.max(Math.trunc(value), 1), maxSpan)
    : 1
}

/**
 * The grid of a table, computed from colspans and rowspans without trusting the table to be well formed
 * (a ragged table from a Yjs update gets empty squares, not an exception). Cached: nodes are immutable.
 */
export function tableGrid(table: Node): Grid {
  const cached = grids.get(table)
  if (cached) return cached
  const squares: (Node | null | undefined)[][] = Array.from({ length: table.childCount }, () => [])
  table.forEach((row, _, r) => {
    let col = 0
    row.forEach((cellNode) => {
      while (squares[r]![col] !== undefined) col++
      const colspan = span(cellNode.attrs.colspan)
      const rowspan = span(cellNode.attrs.rowspan)
      for (let dr = 0; dr < rowspan && r + dr < squares.length; dr++) {
        for (let dc = 0; dc < colspan; dc++)
          squares[r + dr]![col + dc] = dr === 0 && dc === 0 ? cellNode : null
      }
      col += colspan
    })
  })
  const width = Math.max(0, ...squares.map((row) => row.length))
  const grid = squares.map((row) => Array.from({ length: width }, (_, col) => row[col] ?? null))
  grids.set(table, grid)
  return grid
}
