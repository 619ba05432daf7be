/**
 * URL checks shared by the schema's `parseDOM` rules and every serializer: a link or image URL that fails
 * them is never written out as a URL, whatever path the document took (paste, Markdown, a Yjs update).
 */

/** The longest `data:image/…` URL an image may carry (about 73 KB of image): larger images belong in storage. */
export const maxDataImageUrlLength = 100_000

/** Link schemes a reader may follow; anything else (javascript:, data:, vbscript:, file:, …) is dropped. */
const linkSchemes = new Set(['http', 'https', 'mailto'])

/** Image schemes; `data:` is allowed only for the raster types in `dataImagePattern`. */
const imageSchemes = new Set(['http', 'https'])

/** Raster images only: an SVG can carry script, so `data:image/svg+xml` is refused. */
const dataImagePattern = /^data:image\/(?:png|jpeg|gif|webp|avif);base64,[a-z0-9+/]+={0,2}$/i

const schemePattern = /^([a-z][a-z0-9+.-]*):/i

/** ASCII control characters (C0 and DEL). */
function isControl(code: number): boolean {
  return code <= 0x1f || code === 0x7f
}

/** True for what browsers and other readers strip around a URL: controls and (Unicode) whitespace. */
function isStrippable(ch: string): boolean {
  return isControl(ch.charCodeAt(0)) || /\s/.test(ch)
}

/**
 * Normalise a URL the way browsers do before they look at its scheme (they strip leading and trailing
 * spaces and controls and drop tabs and newlines anywhere, so `java\nscript:` is `javascript:`), and
 * refuse one that still holds a control character. Unicode spaces are trimmed too, for other readers.
 */
function clean(url: string): string | null {
  const joined = url.replace(/[\t\n\r]/g, '')
  let start = 0
  let end = joined.length
  while (start < end && isStrippable(joined[start]!)) start++
  while (end > start && isStrippable(joined[end - 1]!)) end--
  const cleaned = joined.slice(start, end)
  for (let i = 0; i < cleaned.length; i++) if (isControl(cleaned.charCodeAt(i))) return null
  return cleaned === '' ? null : cleaned
}

/** The scheme of `url` in lower case, or null for a relative reference (`/a`, `a/b`, `#x`, `//host/x`). */
function schemeOf(url: string): string | null {
  const match = schemePattern.exec(url)
  return match ? match[1]!.toLowerCase() : null
}

/**
 * The link target to write, or null when `href` must not become a link: only http:, https:, mailto: and
 * relative references survive.
 */
export function safeHref(href: string): string | null {
  const cleaned = clean(href)
  if (cleaned === null) return null
  const scheme = schemeOf(cleaned)
  return scheme === null || linkSchemes.has(scheme) ? cleaned : null
}

/**
 * The image source to write, or null when `src` must not be loaded: http(s), relative references, and
 * small base64 `data:image/` URLs of raster types (at most `maxDataImageUrlLength` characters).
 */
export function safeImageSrc(src: string): string | null {
  const cleaned = clean(src)
  if (cleaned === null) return null
  const scheme = schemeOf(cleaned)
  if (scheme === null || imageSchemes.has(scheme)) return cleaned
  if (scheme === 'data' && cleaned.length <= maxDataImageUrlLength && dataImagePattern.test(cleaned)) {
    return cleaned
  }
  return null
}
