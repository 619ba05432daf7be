import { countryCodes } from '../../shared/countries.ts'

/** One country as the picker lists it: its alpha-2 code, its name in the UI language, and that name folded for search. */
export interface CountryOption {
  code: string
  name: string
  folded: string
}

/** Lower case without accents or other marks ("Côte d’Ivoire" → "cote d’ivoire"), for matching what people type. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim()
}

/** A country's name in `locale`, or its code when the runtime has no name for it. */
export function countryName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames(locale, { type: 'region', fallback: 'code' }).of(code) ?? code
  } catch {
    return code
  }
}

/** Every country (by default the 249 ISO 3166-1 codes), named in `locale` and sorted by that name. */
export function countryOptions(locale: string, codes: readonly string[] = countryCodes): CountryOption[] {
  let names: Intl.DisplayNames | null = null
  try {
    names = new Intl.DisplayNames(locale, { type: 'region', fallback: 'code' })
  } catch {
    names = null
  }
  const options = codes.map((code) => {
    const name = names?.of(code) ?? code
    return { code, name, folded: fold(name) }
  })
  const collator = new Intl.Collator(locale)
  return options.sort((a, b) => collator.compare(a.name, b.name) || a.code.localeCompare(b.code))
}

/**
 * The options matching what was typed, best first: the exact code, then names starting with it, then names
 * with a word starting with it, then names containing it; each group keeps the sorted order. Empty → all.
 */
export function filterCountries(options: readonly CountryOption[], query: string): CountryOption[] {
  const wanted = fold(query)
  if (wanted === '') return [...options]
  const ranked: CountryOption[][] = [[], [], [], []]
  for (const option of options) {
    if (wanted.length === 2 && option.code.toLowerCase() === wanted) ranked[0]!.push(option)
    else if (option.folded.startsWith(wanted)) ranked[1]!.push(option)
    else if (option.folded.split(/[\s\-‐’'(),.]+/).some((word) => word.startsWith(wanted)))
      ranked[2]!.push(option)
    else if (option.folded.includes(wanted)) ranked[3]!.push(option)
  }
  return ranked.flat()
}

/** The flag emoji of an alpha-2 code (two regional indicator letters); '' for anything else. */
export function flagEmoji(code: string | null | undefined): string {
  if (!code || !/^[A-Za-z]{2}$/.test(code)) return ''
  return String.fromCodePoint(...[...code.toUpperCase()].map((letter) => 0x1f1a5 + letter.charCodeAt(0)))
}
