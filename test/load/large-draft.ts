import { readFileSync } from 'node:fs'
import { demoDraftUrl } from '../../server/demo/seed.ts'

/**
 * A long draft made from the sample: its sections repeated `parts` times under numbered parts, every
 * paragraph and list item ending with a unique marker `[p.i]` so that quotes ending in one are unique.
 * 40 parts make about 100 pages (some 40,000 words).
 */
export function largeDraft(parts = 40): { markdown: string; markers: string[] } {
  const sample = readFileSync(demoDraftUrl, 'utf8').split('\n')
  const lines: string[] = ['# Benchmarking for Open Universities (long edition)', '']
  const markers: string[] = []
  for (let part = 1; part <= parts; part++) {
    let item = 0
    for (const line of sample.slice(1)) {
      if (/^#{2,4} /.test(line)) {
        lines.push(line.replace(/^(#{2,4}) /, `$1 Part ${part}, `))
      } else if (/^(\d+\.|-|>)? ?[A-Za-z*]/.test(line) && line.trim().length > 40 && !line.includes('|')) {
        const marker = `[${part}.${++item}]`
        markers.push(marker)
        lines.push(`${line} ${marker}`)
      } else {
        lines.push(line)
      }
    }
    lines.push('')
  }
  return { markdown: lines.join('\n'), markers }
}
