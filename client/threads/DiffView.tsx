import { t } from '../i18n/i18n.ts'
import { wordDiff } from './diff.ts'

/** A proposed change as an inline diff: removed words struck through, added words underlined. */
export function DiffView({ before, after }: { before: string; after: string }) {
  const parts = wordDiff(before, after)
  return (
    <p class="diff">
      {parts.map((part, i) =>
        part.op === 'delete' ? (
          <del key={i}>
            <span class="visually-hidden">{t('threads.diff.removed')}</span>
            {part.text}
          </del>
        ) : part.op === 'insert' ? (
          <ins key={i}>
            <span class="visually-hidden">{t('threads.diff.added')}</span>
            {part.text}
          </ins>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </p>
  )
}
