import { describe, expect, it } from 'vitest'
import { findMentions } from './mentions.ts'

const members = [
  { id: 'li', name: 'Li' },
  { id: 'liwei', name: 'Li Wei' },
  { id: 'siti', name: 'Siti Rahayu' },
  { id: 'nguyen', name: 'Nguyễn Thị Lan' },
]

describe('findMentions', () => {
  it('finds members mentioned by name, the longest name first', () => {
    expect(findMentions('@Li Wei and @siti rahayu, please look', members).sort()).toEqual(['liwei', 'siti'])
    expect(findMentions('Thanks @Li.', members)).toEqual(['li'])
  })

  it('needs a word boundary on both sides and handles non-Latin names', () => {
    expect(findMentions('mail me at x@Li Wei', members)).toEqual([])
    expect(findMentions('@Lina, hello', members)).toEqual([])
    expect(findMentions('cc @Nguyễn Thị Lan', members)).toEqual(['nguyen'])
  })
})
