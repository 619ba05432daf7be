import { describe, expect, it } from 'vitest'
import { can, capabilitiesOf, documentRoles, roleAtLeast } from './roles.ts'

describe('roles', () => {
  it('orders roles from viewer to owner', () => {
    expect(roleAtLeast('owner', 'viewer')).toBe(true)
    expect(roleAtLeast('commenter', 'author')).toBe(false)
    expect(roleAtLeast('editor', 'editor')).toBe(true)
  })

  it('lets a commenter comment but not edit the text', () => {
    expect(can('commenter', 'comment')).toBe(true)
    expect(can('commenter', 'edit')).toBe(false)
    expect(can('viewer', 'comment')).toBe(false)
  })

  it('gives each wider role every capability of the narrower ones', () => {
    for (let i = 1; i < documentRoles.length; i++) {
      const narrower = capabilitiesOf(documentRoles[i - 1]!)
      const wider = capabilitiesOf(documentRoles[i]!)
      expect(wider).toEqual(expect.arrayContaining(narrower))
      expect(wider.length).toBeGreaterThan(narrower.length)
    }
  })

  it('keeps deletion to the owner', () => {
    expect(can('editor', 'delete')).toBe(false)
    expect(can('owner', 'delete')).toBe(true)
  })
})
