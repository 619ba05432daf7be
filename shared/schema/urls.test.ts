import { describe, expect, it } from 'vitest'
import { maxDataImageUrlLength, safeHref, safeImageSrc } from './urls.ts'

describe('safeHref', () => {
  it.each([
    ['https://example.org/a?b=c#d', 'https://example.org/a?b=c#d'],
    ['HTTP://EXAMPLE.ORG', 'HTTP://EXAMPLE.ORG'],
    ['mailto:a@example.org', 'mailto:a@example.org'],
    ['/relative/path', '/relative/path'],
    ['relative', 'relative'],
    ['#section', '#section'],
    ['?q=1', '?q=1'],
    ['//example.org/x', '//example.org/x'],
    ['  https://example.org  ', 'https://example.org'],
  ])('keeps %j', (href, expected) => {
    expect(safeHref(href)).toBe(expected)
  })

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    '\u0000javascript:alert(1)',
    '\u00a0javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'tel:123',
    'https://example.org/a\u0007b',
    '',
    '   ',
  ])('refuses %j', (href) => {
    expect(safeHref(href)).toBeNull()
  })
})

describe('safeImageSrc', () => {
  it.each([
    'https://example.org/a.png',
    '/uploads/a.png',
    'a.png',
    'data:image/png;base64,iVBORw0KGgo=',
    'data:image/jpeg;base64,/9j/4AAQ',
  ])('keeps %j', (src) => {
    expect(safeImageSrc(src)).toBe(src)
  })

  it.each([
    'javascript:alert(1)',
    'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=',
    'data:image/png,<svg>',
    'data:text/html;base64,PHNjcmlwdD4=',
    'mailto:a@example.org',
    'ftp://example.org/a.png',
  ])('refuses %j', (src) => {
    expect(safeImageSrc(src)).toBeNull()
  })

  it('refuses a data URL longer than the limit', () => {
    const prefix = 'data:image/png;base64,'
    expect(safeImageSrc(prefix + 'A'.repeat(maxDataImageUrlLength - prefix.length))).not.toBeNull()
    expect(safeImageSrc(prefix + 'A'.repeat(maxDataImageUrlLength - prefix.length + 1))).toBeNull()
  })
})
