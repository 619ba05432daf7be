import { useEffect, useState } from 'preact/hooks'
import type { Version, VersionRef } from '../../api/versions.ts'
import { t } from '../../i18n/i18n.ts'

/** Two sides to compare: versions by id, or the current text. */
export interface CompareChoice {
  from: VersionRef
  to: VersionRef
}

/** Picks any two versions (or a version and the current text) to compare; refuses the same one twice. */
export function CompareForm({
  versions,
  chosen,
  onCompare,
}: {
  versions: Version[]
  chosen: CompareChoice | null
  onCompare: (choice: CompareChoice) => void
}) {
  const [from, setFrom] = useState<VersionRef>(chosen?.from ?? versions[0]?.id ?? 'current')
  const [to, setTo] = useState<VersionRef>(chosen?.to ?? 'current')
  useEffect(() => {
    if (!chosen) return
    setFrom(chosen.from)
    setTo(chosen.to)
  }, [chosen])
  const same = from === to

  const submit = (event: SubmitEvent) => {
    event.preventDefault()
    if (!same) onCompare({ from, to })
  }
  const options = (
    <>
      <option value="current">{t('versions.compare.current')}</option>
      {versions.map((version) => (
        <option key={version.id} value={version.id}>
          {version.name}
        </option>
      ))}
    </>
  )
  return (
    <form class="form compare-form" onSubmit={submit} noValidate aria-labelledby="compare-heading">
      <h2 id="compare-heading">{t('versions.compare.heading')}</h2>
      <div class="inline-controls">
        <div class="field">
          <label for="compare-from">{t('versions.compare.from')}</label>
          <select id="compare-from" value={from} onChange={(event) => setFrom(event.currentTarget.value)}>
            {options}
          </select>
        </div>
        <div class="field">
          <label for="compare-to">{t('versions.compare.to')}</label>
          <select id="compare-to" value={to} onChange={(event) => setTo(event.currentTarget.value)}>
            {options}
          </select>
        </div>
        <button type="submit" class="button" aria-disabled={same} aria-describedby="compare-same">
          {t('versions.compare.submit')}
        </button>
      </div>
      <p id="compare-same" class="field-hint" aria-live="polite">
        {same ? t('versions.compare.same') : ''}
      </p>
    </form>
  )
}
