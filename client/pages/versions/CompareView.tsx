import { useState } from 'preact/hooks'
import { type Comparison, compareVersions } from '../../api/versions.ts'
import { useLoad } from '../../app/useLoad.ts'
import { LoadError, Loading } from '../../components/StatusMessage.tsx'
import { t, tp } from '../../i18n/i18n.ts'
import type { CompareChoice } from './CompareForm.tsx'
import { type ComparedBlock, foldUnchanged, sectionLabel, sideLabel } from './compare.ts'
import { useFocusOnOpen } from './useFocusOnOpen.ts'

/**
 * The changes between two versions (or a version and the current text): the summary (paragraphs changed,
 * per section), then the paragraphs with insertions underlined and deletions struck through, unchanged runs
 * folded unless asked for.
 */
export function CompareView({
  documentId,
  choice,
  onClose,
}: {
  documentId: string
  choice: CompareChoice
  onClose: () => void
}) {
  const [state, retry] = useLoad(
    (signal) => compareVersions(documentId, choice.from, choice.to, signal),
    `${choice.from}→${choice.to}`,
  )
  const heading = useFocusOnOpen<HTMLHeadingElement>(`${choice.from}→${choice.to}`)
  return (
    <section
      class="compare-panel panel"
      aria-labelledby="compare-result-heading"
      aria-busy={state.status === 'loading'}
    >
      <div class="page-heading">
        <h2 id="compare-result-heading" ref={heading} tabIndex={-1}>
          {state.status === 'ready'
            ? t('versions.compare.title', { from: sideLabel(state.data.from), to: sideLabel(state.data.to) })
            : t('versions.compare.heading')}
        </h2>
        <button type="button" class="button button-quiet" onClick={onClose}>
          {t('versions.close')}
        </button>
      </div>
      {state.status === 'loading' && <Loading label={t('versions.compare.loading')} />}
      {state.status === 'error' && (
        <LoadError title={t('versions.compare.error')} error={state.error} onRetry={retry} />
      )}
      {state.status === 'ready' && <ComparisonBody comparison={state.data} />}
    </section>
  )
}

function ComparisonBody({ comparison }: { comparison: Comparison }) {
  const [showAll, setShowAll] = useState(false)
  const { summary } = comparison
  if (summary.paragraphsChanged === 0) return <p class="compare-summary">{t('versions.compare.none')}</p>
  const rows = foldUnchanged(comparison.blocks, showAll ? Number.POSITIVE_INFINITY : 1)
  return (
    <>
      <div class="compare-summary">
        <p>
          <strong>{tp('versions.compare.changed', summary.paragraphsChanged)}</strong>
        </p>
        <h3 class="visually-hidden">{t('versions.compare.sectionsHeading')}</h3>
        <ul class="compare-sections">
          {summary.sections.map((section) => (
            <li key={section.section}>
              <span class="compare-section-name">{sectionLabel(section.section)}</span>{' '}
              <span class="muted">{tp('versions.compare.changed', section.paragraphsChanged)}</span>
            </li>
          ))}
        </ul>
      </div>
      <p class="hint">{t('versions.compare.legend')}</p>
      <div class="field field-check">
        <input
          id="compare-show-all"
          type="checkbox"
          checked={showAll}
          onChange={(event) => setShowAll(event.currentTarget.checked)}
        />
        <label for="compare-show-all">{t('versions.compare.showAll')}</label>
      </div>
      <ol class="compare-blocks">
        {rows.map((row) =>
          row.kind === 'gap' ? (
            <li key={`gap-${row.index}`} class="compare-gap">
              {tp('versions.compare.unchanged', row.count)}
            </li>
          ) : (
            <ComparedParagraph
              key={row.index}
              block={row.block}
              previous={comparison.blocks[row.index - 1]}
            />
          ),
        )}
      </ol>
    </>
  )
}

/** One aligned paragraph: its section (when it starts one), then its words, changed ones marked. */
function ComparedParagraph({
  block,
  previous,
}: {
  block: ComparedBlock
  previous: ComparedBlock | undefined
}) {
  return (
    <li class={block.changed ? 'compare-block is-changed' : 'compare-block'}>
      {previous?.section !== block.section && (
        <p class="compare-block-section">{sectionLabel(block.section)}</p>
      )}
      <p class="diff compare-block-text">
        {block.parts.map((part, i) =>
          part.type === 'insert' ? (
            <ins key={i}>
              <span class="visually-hidden">{t('versions.compare.inserted')} </span>
              {part.text}
              <span class="visually-hidden"> {t('versions.compare.end')}</span>
            </ins>
          ) : part.type === 'delete' ? (
            <del key={i}>
              <span class="visually-hidden">{t('versions.compare.deleted')} </span>
              {part.text}
              <span class="visually-hidden"> {t('versions.compare.end')}</span>
            </del>
          ) : (
            <span key={i}>{part.text}</span>
          ),
        )}
      </p>
    </li>
  )
}
