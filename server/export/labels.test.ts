import { describe, expect, it } from 'vitest'
import { authorLabel, initialsOf, xmlSafe } from './labels.ts'

describe('export labels', () => {
  it('names an author with country and organization, leaving out what is unknown', () => {
    expect(authorLabel({ id: 'u', name: 'Kagiso Mothibi', country: 'BW', organization: 'BOU' })).toBe(
      'Kagiso Mothibi (BW, BOU)',
    )
    expect(authorLabel({ id: 'u', name: 'Omar Haddad', country: 'LB', organization: null })).toBe(
      'Omar Haddad (LB)',
    )
    expect(authorLabel({ id: 'u', name: 'Anonymous', country: null, organization: null })).toBe('Anonymous')
    expect(authorLabel(null)).toBe('Unknown')
  })

  it('takes up to three initials', () => {
    expect(initialsOf('Kagiso Mothibi')).toBe('KM')
    expect(initialsOf('ana maria de souza')).toBe('AMD')
    expect(initialsOf('Jean-Luc Picard')).toBe('JLP')
    expect(initialsOf('')).toBe('?')
  })

  it('drops what XML 1.0 cannot hold and keeps everything else', () => {
    expect(xmlSafe('a\u0000b\u0007c\u000Bd\u001Fe\uFFFEf')).toBe('abcdef')
    expect(xmlSafe('tab\there\r\nline\rend')).toBe('tab\there\nline\nend')
    expect(xmlSafe('lone \uD800 pair 😀 ü 中文')).toBe('lone  pair 😀 ü 中文')
  })
})
