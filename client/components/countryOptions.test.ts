import { describe, expect, it } from 'vitest'
import { countryCodes } from '../../shared/countries.ts'
import { countryName, countryOptions, filterCountries, flagEmoji, fold } from './countryOptions.ts'

describe('countryOptions', () => {
  it('names all 249 countries in the UI language and sorts them by that name', () => {
    const english = countryOptions('en')
    expect(english).toHaveLength(countryCodes.length)
    expect(english[0]?.name).toBe('Afghanistan')
    const names = english.map((option) => option.name)
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')))
    expect(english.find((option) => option.code === 'ZA')?.name).toBe('South Africa')
  })

  it('follows the locale for names and order', () => {
    const french = countryOptions('fr', ['DE', 'ZA', 'EG'])
    expect(french.map((option) => option.name)).toEqual(['Afrique du Sud', 'Allemagne', 'Égypte'])
  })

  it('falls back to the code for a malformed locale', () => {
    expect(countryName('BW', 'not a locale')).toBe('BW')
  })
})

describe('filterCountries', () => {
  const options = countryOptions('en')
  const codes = (query: string) => filterCountries(options, query).map((option) => option.code)

  it('lists everything for an empty query', () => {
    expect(codes('  ')).toHaveLength(countryCodes.length)
  })

  it('matches the start of the name first, then a word, then anywhere', () => {
    expect(codes('bot')).toEqual(['BW'])
    expect(codes('south').slice(0, 2)).toEqual(['ZA', 'GS'])
    expect(codes('south')).toContain('SS')
    expect(codes('guinea').slice(0, 3)).toEqual(['GN', 'GW', 'GQ'])
    expect(codes('land')).toContain('NZ')
  })

  it('puts an exact code first, in either case', () => {
    expect(codes('za')[0]).toBe('ZA')
    expect(codes('GB')[0]).toBe('GB')
  })

  it('ignores accents on either side', () => {
    expect(codes('cote')).toEqual(['CI'])
    expect(filterCountries(countryOptions('fr'), 'egypte')[0]?.code).toBe('EG')
    expect(codes('CÔTE')).toEqual(['CI'])
  })

  it('answers nothing for a query matching no country', () => {
    expect(codes('atlantis')).toEqual([])
  })
})

describe('fold and flagEmoji', () => {
  it('folds case and marks', () => {
    expect(fold(' Åland Islands ')).toBe('aland islands')
  })

  it('makes a flag from two letters, nothing from anything else', () => {
    expect(flagEmoji('bw')).toBe('🇧🇼')
    expect(flagEmoji('ZA')).toBe('🇿🇦')
    expect(flagEmoji(null)).toBe('')
    expect(flagEmoji('ZAF')).toBe('')
  })
})
