import busboy from 'busboy'
import type { Request } from 'express'
import { BadRequestError, TooLargeError, UnsupportedMediaTypeError } from '../errors.ts'

/** The largest file an import takes. */
export const maxUploadBytes = 20 * 1024 * 1024

/** An uploaded file, held in memory (imports are bounded by `maxUploadBytes`). */
export interface UploadedFile {
  filename: string
  mimeType: string
  data: Buffer
  /** The text fields sent beside the file (such as `title` when creating a document from it). */
  fields: Record<string, string>
}

/**
 * Reads the `file` field of a multipart request. Over the size limit is 413 as soon as it is known (the rest
 * is not buffered); a request that is not multipart is 415; no file is 400 naming `file`.
 */
export function readUpload(req: Request): Promise<UploadedFile> {
  if (!req.is('multipart/form-data')) {
    return Promise.reject(
      new UnsupportedMediaTypeError('Send the file as multipart/form-data in a field named "file".'),
    )
  }
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: maxUploadBytes, fields: 10 } })
    } catch {
      reject(new BadRequestError('The multipart body is malformed.', { fields: { file: 'malformed' } }))
      return
    }
    let found: UploadedFile | undefined
    let failed = false
    const fields: Record<string, string> = {}
    parser.on('field', (name, value) => {
      fields[name] = value
    })
    parser.on('file', (name, stream, info) => {
      if (name !== 'file') {
        stream.resume()
        return
      }
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('limit', () => {
        failed = true
        reject(new TooLargeError(`The file is larger than ${maxUploadBytes / 1024 / 1024} MiB.`))
        req.unpipe(parser)
        req.resume()
      })
      stream.on('end', () => {
        if (!failed)
          found = {
            filename: info.filename ?? 'upload',
            mimeType: info.mimeType,
            data: Buffer.concat(chunks),
            fields,
          }
      })
    })
    parser.on('error', () => {
      if (!failed)
        reject(new BadRequestError('The multipart body is malformed.', { fields: { file: 'malformed' } }))
      failed = true
    })
    parser.on('close', () => {
      if (failed) return
      if (!found)
        reject(
          new BadRequestError('Attach the file in a field named "file".', { fields: { file: 'missing' } }),
        )
      else resolve(found)
    })
    req.pipe(parser)
  })
}
