import { describe, expect, it } from 'vitest'
import type { DispositionRow } from '../../api/exports.ts'
import { facetsOf, filtersFromSearch, isFiltered, searchOf, sectionHeadings, withFilter } from './filters.ts'

function row(values: Partial<DispositionRow>): DispositionRow {
  return {
    number: '1',
    country: '',
    expert: 'Someone',
    organization: '',
    section: '',
    type: 'general',
    quote: '',
    comments: '',
    proposedText: '',
    status: 'open',
    decision: '',
    note: '',
    resolvedBy: '',
    date: '',
    ...values,
  }
}

describe('filters in the address', () => {
  it('reads the filters the server accepts and drops the others', () => {
    expect(filtersFromSearch('?country=bw&status=resolved&type=editorial&section=2.%20Tools')).toEqual({
      country: 'BW',
      status: 'resolved',
      type: 'editorial',
      section: '2. Tools',
    })
    expect(filtersFromSearch('?country=Botswana&status=closed&type=minor&section=')).toEqual({})
    expect(filtersFromSearch(`?section=${'x'.repeat(301)}`)).toEqual({})
    expect(filtersFromSearch('')).toEqual({})
  })

  it('writes them back in a fixed order, and nothing when none is set', () => {
    expect(searchOf({ section: '1. Introduction › 1.1 Scope', country: 'ID' })).toBe(
      '?country=ID&section=1.+Introduction+%E2%80%BA+1.1+Scope',
    )
    expect(searchOf({})).toBe('')
    const filters = { country: 'NG', type: 'technical' as const }
    expect(filtersFromSearch(searchOf(filters))).toEqual(filters)
  })

  it('changes one filter, an empty value removing it', () => {
    expect(withFilter({ country: 'NG' }, 'status', 'open')).toEqual({ country: 'NG', status: 'open' })
    expect(withFilter({ country: 'NG', status: 'open' }, 'country', '')).toEqual({ status: 'open' })
    expect(isFiltered({})).toBe(false)
    expect(isFiltered({ type: 'general' })).toBe(true)
  })
})

describe('the options of each filter', () => {
  it('counts countries, statuses, types and every heading of the section paths', () => {
    const rows = [
      row({ country: 'NG', section: '1. Introduction', status: 'resolved', type: 'technical' }),
      row({ country: 'BW', section: '1. Introduction › 1.1 Scope' }),
      row({ country: 'NG', section: '2. Tools › 2.1 Surveys' }),
      row({ country: '', section: '' }),
    ]
    expect(facetsOf(rows)).toEqual({
      country: [
        { value: 'BW', count: 1 },
        { value: 'NG', count: 2 },
      ],
      status: [
        { value: 'open', count: 3 },
        { value: 'resolved', count: 1 },
      ],
      type: [
        { value: 'general', count: 3 },
        { value: 'technical', count: 1 },
      ],
      section: [
        { value: '1. Introduction', count: 2 },
        { value: '1.1 Scope', count: 1 },
        { value: '2. Tools', count: 1 },
        { value: '2.1 Surveys', count: 1 },
      ],
    })
  })

  it('splits a section path into its headings', () => {
    expect(sectionHeadings('4. Tools › 4.3 Metrics')).toEqual(['4. Tools', '4.3 Metrics'])
    expect(sectionHeadings('')).toEqual([])
  })
})
