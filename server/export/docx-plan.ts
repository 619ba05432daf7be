/**
 * A Word document as plain data: what `docx-build.ts` turns into docx objects. Plain data so that it can be
 * handed to a worker thread (structured clone) when a large document would keep the event loop busy.
 */

/** Indent per list or quotation level, in twips (half an inch). */
export const indentStep = 720

/** Character formatting of a run. */
export interface RunFormat {
  bold?: boolean
  italics?: boolean
  underline?: boolean
  strike?: boolean
  code?: boolean
  subScript?: boolean
  superScript?: boolean
}

/** Content of a paragraph: text runs, breaks, and the markers of comment ranges. */
export type PlanInline =
  | { kind: 'text'; text: string; format: RunFormat; link?: string }
  | { kind: 'break'; link?: string }
  | { kind: 'commentStart'; id: number }
  | { kind: 'commentEnd'; id: number }
  | { kind: 'commentReference'; id: number }

/** A paragraph: body text, a heading, a list item, a quotation or a rule. */
export interface PlanParagraph {
  kind: 'paragraph'
  heading?: 1 | 2 | 3 | 4
  /** A paragraph style defined by the builder. */
  style?: 'BlockText' | 'Small'
  /** Left indent in twips, beyond the style's. */
  indent?: number
  /** A list item's first paragraph: which list, at which depth (0–8). */
  list?: { reference: string; level: number }
  /** A horizontal rule: an empty paragraph with a bottom border. */
  rule?: boolean
  items: PlanInline[]
}

/** One cell: its blocks, and how many columns and rows it spans. */
export interface PlanCell {
  colspan: number
  rowspan: number
  /** A header cell, shaded. */
  header: boolean
  blocks: PlanBlock[]
}

/** A table; `columnWidths` in twips when the layout is fixed (the disposition table), else sized by Word. */
export interface PlanTable {
  kind: 'table'
  columnWidths?: number[]
  rows: Array<{ header: boolean; cells: PlanCell[] }>
}

/** A block of the body. */
export type PlanBlock = PlanParagraph | PlanTable

/** One list: bullets, or numbers from `start`. Each ordered list gets its own so that it counts from its start. */
export interface PlanList {
  reference: string
  kind: 'bullet' | 'ordered'
  start: number
}

/** One Word comment: a thread's first comment, or (with `parentId`) a reply. */
export interface PlanComment {
  id: number
  parentId?: number
  author: string
  initials: string
  /** ISO 8601. */
  date: string
  resolved: boolean
  /** One paragraph per line. */
  paragraphs: string[]
}

/** A whole Word document. */
export interface DocxPlan {
  title: string
  landscape: boolean
  lists: PlanList[]
  blocks: PlanBlock[]
  comments: PlanComment[]
}

/** A rough measure of the work packing a plan takes, to decide whether it goes to a worker thread. */
export function planWeight(plan: DocxPlan): number {
  let weight = plan.comments.length * 4
  const visit = (blocks: PlanBlock[]) => {
    for (const block of blocks) {
      if (block.kind === 'paragraph') weight += 1 + block.items.length
      else for (const row of block.rows) for (const cell of row.cells) visit(cell.blocks)
    }
  }
  visit(plan.blocks)
  return weight
}
