import type JSZip from 'jszip'
import { BadRequestError, TooLargeError } from '../errors.ts'

/** The most a .docx may inflate to, and the most entries it may have: more is a zip bomb, refused unread. */
export const docxLimits = { maxUncompressedBytes: 100 * 1024 * 1024, maxEntries: 2000 }

/**
 * Reads a .docx's central directory — which lists every entry's uncompressed size without inflating
 * anything — and refuses it before any inflating when it would grow past the limits or is not a Word file.
 * Answers its uncompressed size.
 */
export async function checkDocx(data: Buffer): Promise<number> {
  // Loaded on the first import of a .docx, not with the server.
  const { default: JSZipLoader } = await import('jszip')
  let zip: JSZip
  try {
    zip = await JSZipLoader.loadAsync(data, { createFolders: false })
  } catch {
    throw new BadRequestError('This is not a readable .docx file.', { fields: { file: 'not a .docx' } })
  }
  const entries = Object.values(zip.files)
  if (entries.length > docxLimits.maxEntries)
    throw new TooLargeError(`The .docx has more than ${docxLimits.maxEntries} parts.`)
  let total = 0
  for (const entry of entries) {
    total += (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0
    if (total > docxLimits.maxUncompressedBytes) {
      throw new TooLargeError('The .docx would expand past 100 MiB: it is refused before being unpacked.')
    }
  }
  if (!zip.file('word/document.xml'))
    throw new BadRequestError('This .docx has no document body.', { fields: { file: 'not a Word document' } })
  return total
}
