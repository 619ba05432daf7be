import { ApiError, isApiError } from './errors.ts'
import { getCsrfToken, request } from './http.ts'
import { segment } from './query.ts'
import type { DocumentDetail } from './types.ts'

/** Where an upload stands: bytes on their way, or all sent and the server is working on them. */
export type UploadProgress = { phase: 'uploading'; loaded: number; total: number } | { phase: 'processing' }

/** What an import into a document did: the version kept of the text before, and where its threads stand. */
export interface ImportResult {
  versionBefore: string
  threads: { anchored: number; orphaned: number; general: number }
}

/** Options for an upload: a progress callback and a signal to cancel it. */
export interface UploadOptions {
  onProgress?: (progress: UploadProgress) => void
  signal?: AbortSignal
}

/**
 * Replaces a document's text with a .docx, .md or .html file (`import`). A version of the text before is
 * kept; threads re-anchor or become orphaned. Rejects with ApiError 413 / 415 / 400 carrying the server's
 * message.
 */
export function importIntoDocument(
  documentId: string,
  file: File,
  options: UploadOptions = {},
): Promise<ImportResult> {
  const form = () => {
    const body = new FormData()
    body.append('file', file, file.name)
    return body
  }
  return upload(`/api/documents/${segment(documentId)}/import`, form, options)
}

/** A new document whose first text is a .docx, .md or .html file; `title` defaults to the file's name. */
export function createDocumentFromFile(
  file: File,
  title: string,
  options: UploadOptions = {},
): Promise<DocumentDetail> {
  const form = () => {
    const body = new FormData()
    if (title.trim() !== '') body.append('title', title.trim())
    body.append('file', file, file.name)
    return body
  }
  return upload('/api/documents/import', form, options)
}

/**
 * Posts a multipart body with XMLHttpRequest, whose upload events report progress (fetch has none), with
 * the CSRF token. A stale token (403 `csrf_failed`) is refreshed and the upload tried once more.
 */
async function upload<T>(path: string, form: () => FormData, options: UploadOptions): Promise<T> {
  try {
    return await send<T>(path, form(), options)
  } catch (error) {
    if (!isApiError(error, 'csrf_failed')) throw error
    await request('/api/session', { expectSignedOut: true }).catch((failure: unknown) => {
      if (!(failure instanceof ApiError && failure.status === 401)) throw failure
    })
    return send<T>(path, form(), options)
  }
}

function send<T>(path: string, body: FormData, { onProgress, signal }: UploadOptions): Promise<T> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new DOMException('The upload was cancelled.', 'AbortError'))
    const xhr = new XMLHttpRequest()
    xhr.open('POST', path)
    xhr.setRequestHeader('Accept', 'application/json')
    const token = getCsrfToken()
    if (token) xhr.setRequestHeader('X-CSRF-Token', token)
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable)
        onProgress?.({ phase: 'uploading', loaded: event.loaded, total: event.total })
    })
    xhr.upload.addEventListener('load', () => onProgress?.({ phase: 'processing' }))
    xhr.addEventListener('load', () => {
      const parsed = parseJson(xhr)
      if (xhr.status >= 200 && xhr.status < 300) resolve(parsed as T)
      else reject(toApiError(xhr, parsed))
    })
    xhr.addEventListener('error', () =>
      reject(new ApiError(0, 'network_error', 'The server could not be reached.')),
    )
    xhr.addEventListener('abort', () => reject(new DOMException('The upload was cancelled.', 'AbortError')))
    signal?.addEventListener('abort', () => xhr.abort(), { once: true })
    onProgress?.({ phase: 'uploading', loaded: 0, total: body.has('file') ? totalSize(body) : 0 })
    xhr.send(body)
  })
}

/** The bytes of the files in a form: the total before the first progress event arrives. */
function totalSize(body: FormData): number {
  let total = 0
  for (const value of body.values()) if (value instanceof Blob) total += value.size
  return total
}

function parseJson(xhr: XMLHttpRequest): unknown {
  if (!xhr.getResponseHeader('Content-Type')?.includes('json')) return undefined
  try {
    return JSON.parse(xhr.responseText)
  } catch {
    return undefined
  }
}

function toApiError(xhr: XMLHttpRequest, body: unknown): ApiError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : {}
  return new ApiError(
    xhr.status,
    typeof error.code === 'string' ? error.code : `http_${xhr.status}`,
    typeof error.message === 'string' ? error.message : xhr.statusText,
    isRecord(error.details) ? error.details : {},
  )
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
