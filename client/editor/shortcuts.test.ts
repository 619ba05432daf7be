import { describe, expect, it } from 'vitest'
import { ariaShortcut, isApplePlatform, shortcutLabel } from './shortcuts.ts'

describe('shortcuts', () => {
  it('reads Mod as Ctrl elsewhere and as Command on Apple platforms', () => {
    expect(shortcutLabel('Mod-b', false)).toBe('Ctrl+B')
    expect(shortcutLabel('Mod-Shift-x', false)).toBe('Ctrl+Shift+X')
    expect(shortcutLabel('Mod-Shift-x', true)).toBe('⌘⇧X')
    expect(shortcutLabel('Mod-Alt-1', true)).toBe('⌘⌥1')
  })

  it('writes aria-keyshortcuts values', () => {
    expect(ariaShortcut('Mod-b', false)).toBe('Control+B')
    expect(ariaShortcut('Mod-Shift-z', true)).toBe('Meta+Shift+Z')
  })

  it('keeps a minus key', () => {
    expect(shortcutLabel('Mod--', false)).toBe('Ctrl+-')
  })

  it('recognises Apple platforms', () => {
    expect(isApplePlatform('MacIntel')).toBe(true)
    expect(isApplePlatform('Linux x86_64')).toBe(false)
  })
})
