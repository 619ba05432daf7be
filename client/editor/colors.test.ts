import { describe, expect, it } from 'vitest'
import { colorForUser, isHexColor, presenceColors } from './colors.ts'

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const v = Number.parseInt(hex.slice(i, i + 2), 16) / 255
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (light! + 0.05) / (dark! + 0.05)
}

describe('colorForUser', () => {
  it('gives the same person the same colour every time', () => {
    const id = '6f1c2a4e-0d8b-4c6e-9a57-1f0e2b3c4d5e'
    expect(colorForUser(id)).toBe(colorForUser(id))
    expect(colorForUser(id)).toBe(colorForUser(`${id}`))
  })

  it('always answers a colour of the palette, as #rrggbb', () => {
    for (const id of ['', 'a', 'author@demo', '00000000-0000-0000-0000-000000000000', 'ü→€']) {
      const color = colorForUser(id)
      expect(isHexColor(color)).toBe(true)
      expect(presenceColors).toContain(color)
    }
  })

  it('spreads many people over most of the palette', () => {
    const used = new Set(Array.from({ length: 200 }, (_, i) => colorForUser(`user-${i}`)))
    expect(used.size).toBeGreaterThanOrEqual(presenceColors.length - 1)
  })

  it('keeps white label text readable on every colour', () => {
    for (const color of presenceColors) expect(contrast(color, '#ffffff')).toBeGreaterThanOrEqual(4.5)
  })
})

describe('isHexColor', () => {
  it('accepts #rrggbb only', () => {
    expect(isHexColor('#a1B2c3')).toBe(true)
    for (const value of ['#abc', 'red', '#a1b2c3; background: url(x)', '#a1b2c3ff', 12, null]) {
      expect(isHexColor(value)).toBe(false)
    }
  })
})
