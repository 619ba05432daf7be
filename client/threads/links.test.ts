import { describe, expect, it } from 'vitest'
import { safeHref, splitLinks } from './links.ts'

describe('splitLinks', () => {
  it('turns http(s) addresses into links and leaves the rest as text', () => {
    expect(splitLinks('See https://example.org/a?b=1 and http://x.test.')).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://example.org/a?b=1', href: 'https://example.org/a?b=1' },
      { kind: 'text', text: ' and ' },
      { kind: 'link', text: 'http://x.test', href: 'http://x.test/' },
      { kind: 'text', text: '.' },
    ])
  })

  it('never makes links of other schemes, and keeps markup as text', () => {
    const corpus = [
      'javascript:window.__xss=1',
      'JaVaScRiPt:alert(1)',
      'data:text/html,<script>window.__xss=1</script>',
      '<img src=x onerror="window.__xss=1">',
      '"><svg onload=window.__xss=1>',
      'vbscript:msgbox(1)',
    ]
    for (const body of corpus) expect(splitLinks(body)).toEqual([{ kind: 'text', text: body }])
  })

  it('does not let quotes or angle brackets into an address', () => {
    const parts = splitLinks('https://evil.test/"onmouseover="x <b>')
    expect(parts[0]).toEqual({ kind: 'link', text: 'https://evil.test/', href: 'https://evil.test/' })
    expect(parts.map((part) => part.text).join('')).toBe('https://evil.test/"onmouseover="x <b>')
  })

  it('keeps sentence punctuation out and balanced parentheses in', () => {
    expect(splitLinks('(see https://en.wikipedia.org/wiki/Open_(disambiguation)).')).toEqual([
      { kind: 'text', text: '(see ' },
      {
        kind: 'link',
        text: 'https://en.wikipedia.org/wiki/Open_(disambiguation)',
        href: 'https://en.wikipedia.org/wiki/Open_(disambiguation)',
      },
      { kind: 'text', text: ').' },
    ])
  })

  it('answers plain text and empty bodies as they are', () => {
    expect(splitLinks('')).toEqual([])
    expect(splitLinks('no links here\nat all')).toEqual([{ kind: 'text', text: 'no links here\nat all' }])
  })

  it('accepts only well-formed http(s) URLs with a host', () => {
    expect(safeHref('https://ok.test/x')).toBe('https://ok.test/x')
    expect(safeHref('https://')).toBeNull()
    expect(safeHref('ftp://files.test')).toBeNull()
    expect(safeHref('javascript:alert(1)')).toBeNull()
  })
})
