import { afterEach, describe, expect, it } from 'vitest'
import { documentPhases } from '../../shared/api/documents.ts'
import { documentRoles } from '../../shared/roles.ts'
import {
  applyDocumentLocale,
  format,
  formatRelative,
  getLocale,
  isRtl,
  matchLocale,
  registerCatalog,
  setLocale,
  t,
  tp,
  translate,
} from './i18n.ts'
import { messages as en } from './messages/en.ts'

registerCatalog('fr', async () => ({
  'signIn.title': 'Se connecter',
  'documents.threads.open.one': '{count} fil ouvert',
  'documents.threads.open.other': '{count} fils ouverts',
}))
registerCatalog('ar', async () => ({ 'signIn.title': 'تسجيل الدخول' }))

afterEach(async () => {
  await setLocale('en')
})

describe('placeholders', () => {
  it('fills each {name} with its value', () => {
    expect(format('{page} · Marginalia', { page: 'My documents' })).toBe('My documents · Marginalia')
    expect(format('{a} and {a}, then {b}', { a: 1, b: 'two' })).toBe('1 and 1, then two')
  })

  it('leaves a placeholder without a value as written', () => {
    expect(format('Try again {when}.', {})).toBe('Try again {when}.')
  })

  it('does not read placeholders from the prototype chain', () => {
    expect(format('{toString}', {})).toBe('{toString}')
  })

  it('fills placeholders through t()', () => {
    expect(t('app.pageTitle', { page: 'Sign in' })).toBe('Sign in · Marginalia')
  })
})

describe('fallback to English', () => {
  it('uses English for keys a catalog lacks', () => {
    expect(translate({ 'signIn.title': 'Se connecter' }, 'signIn.email')).toBe(en['signIn.email'])
    expect(translate({ 'signIn.title': 'Se connecter' }, 'signIn.title')).toBe('Se connecter')
  })

  it('speaks a loaded locale and falls back key by key', async () => {
    expect(await setLocale('fr-CA')).toBe('fr-CA')
    expect(t('signIn.title')).toBe('Se connecter')
    expect(t('signIn.password')).toBe('Password')
  })

  it('stays in English for a language without a catalog', async () => {
    expect(await setLocale('de-DE')).toBe('en')
    expect(t('signIn.title')).toBe('Sign in')
  })

  it('takes the first requested language it has, skipping malformed tags', () => {
    expect(matchLocale(['not a tag', 'de', 'fr-BE', 'en'])).toBe('fr-BE')
    expect(matchLocale(['en-GB', 'fr'])).toBe('en-GB')
    expect(matchLocale([])).toBe('en')
  })

  it('falls back to English when a catalog fails to load', async () => {
    registerCatalog('es', () => Promise.reject(new Error('offline')))
    expect(await setLocale('es')).toBe('en')
    expect(getLocale()).toBe('en')
  })

  it('chooses plural forms by the locale’s rules, English forms when the catalog lacks them', async () => {
    expect(tp('documents.threads.open', 1)).toBe('1 open thread')
    expect(tp('documents.threads.open', 1200)).toBe('1,200 open threads')
    await setLocale('fr')
    expect(tp('documents.threads.open', 0)).toBe('0 fil ouvert')
    expect(tp('documents.threads.open', 2)).toBe('2 fils ouverts')
    expect(tp('documents.threads.resolved', 2)).toBe('2 resolved')
  })
})

describe('right-to-left detection', () => {
  it('marks Arabic, Persian, Hebrew and Urdu as right to left, with or without a region', () => {
    for (const locale of ['ar', 'ar-EG', 'fa', 'fa-IR', 'he', 'he-IL', 'ur', 'ur-PK', 'AR']) {
      expect(isRtl(locale), locale).toBe(true)
    }
  })

  it('marks the other UN languages as left to right', () => {
    for (const locale of ['en', 'fr', 'es', 'ru', 'zh', 'zh-Hans-CN'])
      expect(isRtl(locale), locale).toBe(false)
  })

  it('sets lang and dir on the page root', async () => {
    const root = { lang: '', dir: '' }
    await setLocale('ar-EG')
    applyDocumentLocale(root)
    expect(root).toEqual({ lang: 'ar-EG', dir: 'rtl' })
    await setLocale('en')
    applyDocumentLocale(root)
    expect(root).toEqual({ lang: 'en', dir: 'ltr' })
  })
})

describe('relative dates', () => {
  it('words a distance from now in the largest fitting unit', () => {
    const now = Date.parse('2025-03-12T12:00:00Z')
    expect(formatRelative(now + 30_000, now)).toBe('in 30 seconds')
    expect(formatRelative(now - 3 * 86_400_000, now)).toBe('3 days ago')
    expect(formatRelative(now - 86_400_000, now)).toBe('yesterday')
  })
})

describe('the English catalog', () => {
  it('names every document role and phase the API can answer with', () => {
    const keys = Object.keys(en)
    for (const role of documentRoles) expect(keys, role).toContain(`role.${role}`)
    for (const phase of documentPhases) expect(keys, phase).toContain(`phase.${phase}`)
  })
})
