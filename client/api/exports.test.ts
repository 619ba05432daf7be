import { describe, expect, it } from 'vitest'
import { dispositionPath, exportPath } from './exports.ts'

describe('export addresses', () => {
  it('asks for the draft with comments only when chosen, and for a version only when named', () => {
    expect(exportPath('d 1', { format: 'docx', comments: 'all', version: null })).toBe(
      '/api/documents/d%201/export?format=docx&comments=all',
    )
    expect(exportPath('d1', { format: 'pdf', comments: 'none', version: 'v-9' })).toBe(
      '/api/documents/d1/export?format=pdf&version=v-9',
    )
  })

  it('asks for the disposition with the filters that are set', () => {
    expect(dispositionPath('d1', 'csv', {})).toBe('/api/documents/d1/disposition?format=csv')
    expect(dispositionPath('d1', 'json', { country: 'NG', section: '2. Tools & more', status: 'open' })).toBe(
      '/api/documents/d1/disposition?format=json&country=NG&status=open&section=2.+Tools+%26+more',
    )
  })
})
