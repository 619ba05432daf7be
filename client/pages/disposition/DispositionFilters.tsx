import { useId } from 'preact/hooks'
import type { DispositionFilters as Filters } from '../../api/exports.ts'
import { formatCountry, formatNumber, t } from '../../i18n/i18n.ts'
import {
  type FacetOption,
  type Facets,
  type FilterName,
  filterNames,
  isFiltered,
  withFilter,
} from './filters.ts'

/** A filter's value in words: a country's name, a status or a type in the UI language, a heading as written. */
function optionLabel(name: FilterName, value: string): string {
  switch (name) {
    case 'country':
      return formatCountry(value)
    case 'status':
      return t(`threads.status.${value as 'open' | 'resolved'}`)
    case 'type':
      return t(`threads.type.${value as 'general' | 'technical' | 'editorial'}`)
    case 'section':
      return value
  }
}

/**
 * The filters of the disposition page: country, status, type and section, each offering the values found
 * among all the document's comments with how many have them. Changing one narrows the table and the files.
 */
export function DispositionFilters({
  facets,
  filters,
  onChange,
}: {
  facets: Facets
  filters: Filters
  onChange: (filters: Filters) => void
}) {
  const id = useId()
  const select = (name: FilterName) => {
    const chosen = filters[name] ?? ''
    const options: FacetOption[] = [...facets[name]]
    // Keep a chosen value listed even when no comment has it (an address typed by hand, a comment deleted).
    if (chosen && !options.some((option) => option.value === chosen))
      options.push({ value: chosen, count: 0 })
    return (
      <div key={name} class="disposition-filter">
        <label for={`${id}-${name}`}>{t(`disposition.filter.${name}`)}</label>
        <select
          id={`${id}-${name}`}
          value={chosen}
          onChange={(event) => onChange(withFilter(filters, name, event.currentTarget.value))}
        >
          <option value="">{t('disposition.filter.any')}</option>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {t('disposition.filter.option', {
                label: optionLabel(name, option.value),
                count: formatNumber(option.count),
              })}
            </option>
          ))}
        </select>
      </div>
    )
  }
  return (
    <fieldset class="disposition-filters">
      <legend class="visually-hidden">{t('disposition.filter.label')}</legend>
      {filterNames.map(select)}
      {isFiltered(filters) && (
        <button type="button" class="button button-small button-quiet" onClick={() => onChange({})}>
          {t('disposition.filter.clear')}
        </button>
      )}
    </fieldset>
  )
}
