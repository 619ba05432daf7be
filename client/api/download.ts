import { ApiError } from './errors.ts'
import { apiErrorOf } from './http.ts'

/** How much of a file has arrived: `total` is null when the server did not say (no Content-Length). */
export interface DownloadProgress {
  received: number
  total: number | null
}

/** A file fetched whole: its bytes and the name the server gave it. */
export interface DownloadedFile {
  blob: Blob
  filename: string
}

/**
 * The file name of a Content-Disposition header: `filename*=UTF-8''…` when present (RFC 6266 prefers it),
 * else `filename="…"`, else null. Path separators and control characters are replaced, so the name is
 * only ever a name.
 */
export function filenameFromDisposition(header: string | null): string | null {
  if (!header) return null
  let name: string | null = null
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header)
  if (extended) {
    try {
      name = decodeURIComponent(extended[2]!.trim())
    } catch {
      name = null
    }
  }
  if (name === null) {
    const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(header)
    if (plain) name = plain[1] !== undefined ? plain[1].replace(/\\(.)/g, '$1') : plain[2]!.trim()
  }
  const safe = name?.replace(/[/\\\p{Cc}]/gu, '_').trim()
  return safe ? safe : null
}

/**
 * Reads a response body to the end, reporting progress after every chunk (and once at the start, with
 * nothing received). Rejects with an AbortError when `signal` aborts meanwhile.
 */
export async function readBody(
  response: Response,
  onProgress: (progress: DownloadProgress) => void,
  signal?: AbortSignal,
): Promise<Blob> {
  const length = Number(response.headers.get('Content-Length'))
  const total = Number.isFinite(length) && length > 0 ? length : null
  const type = response.headers.get('Content-Type') ?? 'application/octet-stream'
  onProgress({ received: 0, total })
  if (!response.body) return new Blob([await response.arrayBuffer()], { type })
  const reader = response.body.getReader()
  const chunks: Uint8Array<ArrayBuffer>[] = []
  let received = 0
  const stop = () => void reader.cancel().catch(() => {})
  signal?.addEventListener('abort', stop, { once: true })
  try {
    for (;;) {
      const { done, value } = await reader.read()
      signal?.throwIfAborted()
      if (done) break
      chunks.push(value as Uint8Array<ArrayBuffer>)
      received += value.byteLength
      onProgress({ received, total })
    }
  } finally {
    signal?.removeEventListener('abort', stop)
  }
  return new Blob(chunks, { type })
}

/**
 * Fetches a file from the API with the session cookie: `onPreparing` while the server builds it (before the
 * answer's headers), then progress as the body arrives. Rejects with an ApiError naming what went wrong
 * (the server's error body, or `network_error`), or an AbortError when cancelled.
 */
export async function downloadFile(
  path: string,
  options: { signal?: AbortSignal; onProgress?: (progress: DownloadProgress) => void; fallbackName: string },
): Promise<DownloadedFile> {
  let response: Response
  try {
    response = await fetch(path, { credentials: 'same-origin', signal: options.signal ?? null })
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error
    throw new ApiError(0, 'network_error', 'The server could not be reached.')
  }
  if (!response.ok) throw await apiErrorOf(response)
  let blob: Blob
  try {
    blob = await readBody(response, options.onProgress ?? (() => {}), options.signal)
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error
    throw new ApiError(0, 'network_error', 'The connection broke while the file was arriving.')
  }
  const filename =
    filenameFromDisposition(response.headers.get('Content-Disposition')) ?? options.fallbackName
  return { blob, filename }
}

/**
 * Hands a file to the browser's downloads through an object URL and a temporary <a download>. The URL is
 * revoked a minute later, once the browser has surely started saving it.
 */
export function saveFile({ blob, filename }: DownloadedFile): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  link.hidden = true
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
