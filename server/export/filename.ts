/** The part of a title that makes a safe file name: letters, digits, spaces, brackets, dots, dashes and underscores. */
function asciiName(title: string): string {
  const ascii = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9 ()._-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .slice(0, 120)
    .trim()
  return ascii || 'document'
}

/** Characters no file name may hold on some system: path separators and Windows' reserved ones. */
const reserved = new Set(['/', '\\', ':', '*', '?', '"', '<', '>', '|'])

/** A title as a file name in any script: path separators, controls and reserved characters dropped. */
function unicodeName(title: string): string {
  const name = Array.from(title, (ch) =>
    ch.charCodeAt(0) <= 0x1f || ch === '\u007f' || reserved.has(ch) ? ' ' : ch,
  )
    .join('')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
  return Array.from(name).slice(0, 120).join('').trim() || 'document'
}

/** RFC 5987 percent-encoding (`encodeURIComponent` leaves `'()*` alone, which the header must not). */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

/** A download's file name, from the document's title and what the file holds: `Guidelines (comments).docx`. */
export function exportFilename(title: string, suffix: string, extension: string): string {
  return `${unicodeName(title)}${suffix ? ` (${suffix})` : ''}.${extension}`
}

/**
 * `Content-Disposition: attachment` with an ASCII-safe `filename` for old clients and the exact name as
 * `filename*=UTF-8''…` (RFC 6266), so a title in any script survives the download.
 */
export function attachmentHeader(filename: string): string {
  const dot = filename.lastIndexOf('.')
  const stem = dot > 0 ? filename.slice(0, dot) : filename
  const extension = dot > 0 ? filename.slice(dot).replace(/[^A-Za-z0-9.]/g, '') : ''
  return `attachment; filename="${asciiName(stem)}${extension}"; filename*=UTF-8''${encodeRfc5987(filename)}`
}
