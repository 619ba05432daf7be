import { messages as en } from './messages/en.ts'

/** A key of the message catalog, checked against the English catalog. */
export type MessageKey = keyof typeof en

/** A catalog for one locale; keys it lacks fall back to English. */
export type Catalog = Partial<Record<MessageKey, string>>

/** Values for a message's {name} placeholders. */
export type MessageParams = Record<string, string | number>

/** A message with plural forms: the key without its `.one` / `.other` ... suffix. */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer Base}.other` ? Base : never) : never

/** A date as the API gives it (ISO 8601), as a timestamp or as a Date. */
export type DateInput = string | number | Date

/** Languages written right to left, among those the UN and our experts use. */
export const rtlLanguages: ReadonlySet<string> = new Set(['ar', 'fa', 'he', 'ur'])

/**
 * Every catalog file but English, loaded on demand: adding messages/fr.ts (exporting `messages`) is all it
 * takes to offer French, with no change to any component.
 */
const catalogFiles = import.meta.glob<Catalog>(['./messages/*.ts', '!./messages/en.ts'], {
  import: 'messages',
})
const loaders = new Map<string, () => Promise<Catalog>>(
  Object.entries(catalogFiles).map(([path, load]) => [path.replace(/^.*\/|\.ts$/g, '').toLowerCase(), load]),
)

let current: { locale: string; catalog: Catalog } = { locale: 'en', catalog: en }

/** Makes a catalog available under a BCP 47 tag (such as "fr" or "pt-br"), beside the files in messages/. */
export function registerCatalog(locale: string, load: () => Promise<Catalog>): void {
  loaders.set(locale.toLowerCase(), load)
}

/** The base language of a BCP 47 tag, lower case: "fr" for "fr-CA". */
export function languageOf(locale: string): string {
  return locale.split(/[-_]/)[0]!.toLowerCase()
}

/** Whether a locale is written right to left (Arabic, Persian, Hebrew, Urdu). */
export function isRtl(locale: string): boolean {
  return rtlLanguages.has(languageOf(locale))
}

/** The catalog name serving a tag: the tag itself, else its base language, else null (English). */
function catalogNameFor(locale: string): string | null {
  const tag = locale.toLowerCase()
  if (loaders.has(tag)) return tag
  const language = languageOf(tag)
  return language === 'en' || !loaders.has(language) ? null : language
}

/**
 * Picks the first requested tag we have words for, kept whole so dates and numbers follow its region
 * ("fr-CA" uses the fr catalog); English when none matches. Malformed tags are skipped.
 */
export function matchLocale(requested: readonly string[]): string {
  for (const tag of requested) {
    let canonical: string | undefined
    try {
      canonical = Intl.getCanonicalLocales(tag)[0]
    } catch {
      continue
    }
    if (canonical && (languageOf(canonical) === 'en' || catalogNameFor(canonical))) return canonical
  }
  return 'en'
}

/** Switches the interface language to the best match for the requested tags, loading its catalog. */
export async function setLocale(requested: string | readonly string[]): Promise<string> {
  const locale = matchLocale(typeof requested === 'string' ? [requested] : requested)
  const name = catalogNameFor(locale)
  const catalog = name ? await loaders.get(name)!().catch(() => null) : en
  current = catalog ? { locale, catalog } : { locale: 'en', catalog: en }
  return current.locale
}

/** The locale the interface speaks now, as a BCP 47 tag. */
export function getLocale(): string {
  return current.locale
}

/** Sets lang and dir on the page root (document.documentElement by default) to match the current locale. */
export function applyDocumentLocale(root: { lang: string; dir: string } = document.documentElement): void {
  root.lang = current.locale
  root.dir = isRtl(current.locale) ? 'rtl' : 'ltr'
}

/** Fills {name} placeholders; a placeholder without a value stays as written, so a gap is visible, not silent. */
export function format(template: string, params: MessageParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  )
}

/** Looks a key up in a catalog, then in English, then shows the key itself, and fills its placeholders. */
export function translate(catalog: Catalog, key: MessageKey, params?: MessageParams): string {
  return format(catalog[key] ?? en[key] ?? key, params)
}

/** The interface string for a key in the current locale, with its {name} placeholders filled. */
export function t(key: MessageKey, params?: MessageParams): string {
  return translate(current.catalog, key, params)
}

/** A message that agrees with a count ("1 open thread", "3 open threads"); {count} is the formatted number. */
export function tp(key: PluralKey, count: number, params: MessageParams = {}): string {
  const filled = { ...params, count: formatNumber(count) }
  const form = (locale: string, catalog: Catalog) =>
    catalog[
      `${key}.${formatter('plural', locale, undefined, () => new Intl.PluralRules(locale)).select(count)}` as MessageKey
    ] ?? catalog[`${key}.other` as MessageKey]
  const template = form(current.locale, current.catalog) ?? form('en', en) ?? key
  return format(template, filled)
}

const formatters = new Map<string, unknown>()

/**
 * One Intl formatter per kind, locale and options, made on first use: making one costs a millisecond or more,
 * using one a few microseconds (a long list of cards formats thousands of dates and numbers).
 */
function formatter<T>(kind: string, locale: string, options: object | undefined, make: () => T): T {
  const key = `${kind}|${locale}|${options ? JSON.stringify(options) : ''}`
  let made = formatters.get(key) as T | undefined
  if (made === undefined) {
    made = make()
    formatters.set(key, made)
  }
  return made
}

/** A date (by default "12 Mar 2025" style) in the current locale. */
export function formatDate(
  value: DateInput,
  options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' },
): string {
  const { locale } = current
  return formatter('date', locale, options, () => new Intl.DateTimeFormat(locale, options)).format(
    new Date(value),
  )
}

const relativeSteps: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.35],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
]

/** How far a date is from now in words: "3 days ago", "yesterday", "in 5 minutes". */
export function formatRelative(value: DateInput, now: DateInput = Date.now()): string {
  let amount = (new Date(value).getTime() - new Date(now).getTime()) / 1000
  const { locale } = current
  const relative = formatter(
    'relative',
    locale,
    undefined,
    () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }),
  )
  for (const [unit, size] of relativeSteps) {
    if (Math.round(Math.abs(amount)) < size) return relative.format(Math.round(amount), unit)
    amount /= size
  }
  return relative.format(Math.round(amount), 'year')
}

/** A number with the current locale's digits and separators. */
export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  const { locale } = current
  return formatter('number', locale, options, () => new Intl.NumberFormat(locale, options)).format(value)
}

/** Items joined the current locale's way: "3 open threads, 1 resolved" (a list of units, not "and"). */
export function formatList(items: string[]): string {
  const { locale } = current
  return formatter(
    'unitList',
    locale,
    undefined,
    () => new Intl.ListFormat(locale, { type: 'unit', style: 'short' }),
  ).format(items)
}

/** A country's name in the current locale from its ISO 3166-1 alpha-2 code; the code itself if unknown. */
export function formatCountry(code: string): string {
  try {
    const { locale } = current
    const names = formatter(
      'region',
      locale,
      undefined,
      () => new Intl.DisplayNames(locale, { type: 'region' }),
    )
    return names.of(code.toUpperCase()) ?? code
  } catch {
    return code
  }
}

/** Names joined the current locale's way with "and": "Amara Okafor and Li Wei". */
export function formatAnd(items: string[]): string {
  const { locale } = current
  return formatter(
    'andList',
    locale,
    undefined,
    () => new Intl.ListFormat(locale, { type: 'conjunction' }),
  ).format(items)
}
