import type { Comparison, Version } from '../../api/versions.ts'
import { t } from '../../i18n/i18n.ts'

/** One block of a comparison, as the compare endpoint aligns them. */
export type ComparedBlock = Comparison['blocks'][number]

/** A row of the comparison as shown: a block, or a run of unchanged blocks folded into one line. */
export type CompareRow =
  | { kind: 'block'; index: number; block: ComparedBlock }
  | { kind: 'gap'; index: number; count: number }

/**
 * The rows to show: every changed block with `context` unchanged blocks on each side, and each longer run of
 * unchanged blocks folded into a gap that says how many it hides. With `context` Infinity, every block.
 */
export function foldUnchanged(blocks: readonly ComparedBlock[], context = 1): CompareRow[] {
  const near = blocks.map(() => false)
  blocks.forEach((block, i) => {
    if (!block.changed) return
    for (let j = Math.max(0, i - context); j <= Math.min(blocks.length - 1, i + context); j++) near[j] = true
  })
  const rows: CompareRow[] = []
  blocks.forEach((block, index) => {
    if (block.changed || near[index] || context === Number.POSITIVE_INFINITY) {
      rows.push({ kind: 'block', index, block })
      return
    }
    const last = rows.at(-1)
    if (last?.kind === 'gap') last.count++
    else rows.push({ kind: 'gap', index, count: 1 })
  })
  return rows
}

/** A block's section for display: its heading path, or "Before the first heading" when it has none. */
export function sectionLabel(section: string): string {
  return section.trim() === '' ? t('versions.compare.noSection') : section
}

/** A side of a comparison for display: the version's name, or "The current text". */
export function sideLabel(side: Comparison['from']): string {
  return side.id === 'current' ? t('versions.compare.current') : side.name
}

/** Whether a version was kept by someone on purpose or by Marginalia on its own (phase, import, restore). */
export function isAutomatic(version: Pick<Version, 'kind'>): boolean {
  return version.kind !== 'manual'
}
