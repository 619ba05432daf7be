import { describe, expect, it } from 'vitest'
import { filterPeople, insertMention, mentionQuery } from './mention-picker.ts'

const people = [
  { id: '1', name: 'Kagiso Mothibi' },
  { id: '2', name: 'Siti Rahayu' },
  { id: '3', name: 'Li Wei' },
  { id: '4', name: 'Thandiwe Moyo' },
  { id: '5', name: 'Amina Bello' },
  { id: '6', name: 'Élodie Martin' },
]

describe('mentionQuery', () => {
  it('finds the @ being typed, with the words after it', () => {
    expect(mentionQuery('Hello @Li W', 11)).toEqual({ start: 6, query: 'Li W' })
    expect(mentionQuery('@', 1)).toEqual({ start: 0, query: '' })
    expect(mentionQuery('(@sit', 5)).toEqual({ start: 1, query: 'sit' })
  })

  it('ignores e-mail addresses, finished lines and stray spaces', () => {
    expect(mentionQuery('write to a@b.org', 16)).toBeNull()
    expect(mentionQuery('@Li\nmore', 8)).toBeNull()
    expect(mentionQuery('@ Li', 4)).toBeNull()
    expect(mentionQuery('@Li  Wei', 8)).toBeNull()
    expect(mentionQuery('no mention', 10)).toBeNull()
  })

  it('reads only up to the caret', () => {
    expect(mentionQuery('@Kag and more', 4)).toEqual({ start: 0, query: 'Kag' })
  })
})

describe('filterPeople', () => {
  it('ranks name starts first, then word starts, then anywhere', () => {
    expect(filterPeople(people, 'mo').map((p) => p.name)).toEqual(['Kagiso Mothibi', 'Thandiwe Moyo'])
    expect(filterPeople(people, 'w').map((p) => p.name)).toEqual(['Li Wei', 'Thandiwe Moyo'])
    expect(filterPeople(people, 'wei').map((p) => p.name)).toEqual(['Li Wei'])
    expect(filterPeople(people, 'ahay').map((p) => p.name)).toEqual(['Siti Rahayu'])
  })

  it('ignores case and accents, and lists everyone for an empty query, alphabetically, up to the limit', () => {
    expect(filterPeople(people, 'ELODIE').map((p) => p.id)).toEqual(['6'])
    expect(filterPeople(people, '').map((p) => p.name)).toEqual([
      'Amina Bello',
      'Élodie Martin',
      'Kagiso Mothibi',
      'Li Wei',
      'Siti Rahayu',
      'Thandiwe Moyo',
    ])
    expect(filterPeople(people, '', 2)).toHaveLength(2)
    expect(filterPeople(people, 'zz')).toEqual([])
  })
})

describe('insertMention', () => {
  it('replaces the typed part with the full name and a space, caret after it', () => {
    const text = 'Thanks @kag for this'
    const mention = mentionQuery(text, 11)!
    expect(insertMention(text, mention, 11, 'Kagiso Mothibi')).toEqual({
      text: 'Thanks @Kagiso Mothibi for this',
      caret: 23,
    })
  })

  it('works at the end of the text', () => {
    expect(insertMention('@Li', { start: 0, query: 'Li' }, 3, 'Li Wei')).toEqual({
      text: '@Li Wei ',
      caret: 8,
    })
  })
})
