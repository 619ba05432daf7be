/** A run of a comment body: plain text, or a web address to show as a link. */
export type BodyPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string }

/** Candidates: anything that starts like a web address, up to the next space or angle bracket. */
const candidate = /\bhttps?:\/\/[^\s<>"]+/gi

/** Punctuation that usually ends the sentence around a link rather than the link itself. */
const trailing = /[.,;:!?'’”)\]}]+$/

/**
 * Splits a plain-text body into text and links. Only http(s) addresses that parse as URLs become links
 * (never `javascript:` or `data:`); trailing punctuation stays text, except a `)` closing a `(` in the address.
 */
export function splitLinks(body: string): BodyPart[] {
  const parts: BodyPart[] = []
  let at = 0
  const pushText = (text: string) => {
    if (!text) return
    const last = parts[parts.length - 1]
    if (last?.kind === 'text') last.text += text
    else parts.push({ kind: 'text', text })
  }
  for (const match of body.matchAll(candidate)) {
    let text = match[0]
    const strip = trailing.exec(text)
    if (strip) {
      let cut = strip[0]
      // Keep a closing parenthesis that balances one inside the address (Wikipedia-style links).
      while (
        cut.startsWith(')') &&
        count(text.slice(0, text.length - cut.length), '(') >
          count(text.slice(0, text.length - cut.length), ')')
      )
        cut = cut.slice(1)
      text = text.slice(0, text.length - cut.length)
    }
    const href = safeHref(text)
    if (!href) continue
    pushText(body.slice(at, match.index))
    parts.push({ kind: 'link', text, href })
    at = match.index + text.length
  }
  pushText(body.slice(at))
  return parts
}

function count(text: string, ch: string): number {
  let n = 0
  for (const c of text) if (c === ch) n++
  return n
}

/** The address as the browser should follow it, or null unless it is a well-formed http(s) URL with a host. */
export function safeHref(text: string): string | null {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return null
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) return null
  return url.href
}
