import type { DecorationAttrs } from 'prosemirror-view'
import { isHexColor } from './colors.ts'

/** The colour used for a remote person whose published colour is not #rrggbb. */
const fallbackColor = '#6d4c41'

/** What a remote client publishes about itself, as y-prosemirror hands it to the builders. */
interface CursorUser {
  name?: unknown
  color?: unknown
}

function colorOf(user: CursorUser): string {
  return isHexColor(user.color) ? user.color.toLowerCase() : fallbackColor
}

/**
 * A remote caret with its person's name above it. Colours are set through the CSSOM (`style.borderColor`),
 * never a style attribute, which the Content-Security-Policy forbids. Hidden from screen readers: the
 * presence list says who is here.
 */
export function buildCursor(user: CursorUser, clientId: number): HTMLElement {
  const color = colorOf(user)
  const caret = document.createElement('span')
  caret.className = 'remote-caret'
  caret.dataset.client = String(clientId)
  caret.setAttribute('aria-hidden', 'true')
  caret.style.borderColor = color
  const label = document.createElement('span')
  label.className = 'remote-caret-label'
  label.textContent = typeof user.name === 'string' ? user.name.slice(0, 120) : ''
  label.style.backgroundColor = color
  // Word joiners keep the caret from breaking a line on its own.
  caret.append('\u2060', label, '\u2060')
  return caret
}

let sheet: CSSStyleSheet | null | undefined
const colored = new Set<string>()

/**
 * The class that tints a remote selection in `color`. An inline decoration's only colour channel would be a
 * style attribute (forbidden by the CSP), so each colour gets one rule in a constructable stylesheet.
 */
export function selectionClass(color: string): string {
  const hex = (isHexColor(color) ? color : fallbackColor).slice(1).toLowerCase()
  const name = `remote-selection-${hex}`
  if (colored.has(hex)) return name
  colored.add(hex)
  sheet ??= createSheet()
  sheet?.insertRule(`.${name} { background-color: #${hex}38; }`, sheet.cssRules.length)
  return name
}

function createSheet(): CSSStyleSheet | null {
  if (typeof CSSStyleSheet === 'undefined' || !('adoptedStyleSheets' in document)) return null
  try {
    const created = new CSSStyleSheet()
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, created]
    return created
  } catch {
    return null
  }
}

/** The attributes of a remote selection: a class per colour, no style attribute. */
export function buildSelection(user: CursorUser): DecorationAttrs {
  return { class: `remote-selection ${selectionClass(colorOf(user))}` }
}
