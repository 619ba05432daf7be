import type { Window } from 'happy-dom'
import { DOMParser, type Node as ProseMirrorNode } from 'prosemirror-model'
import { parseMarkdown, schema } from '../../shared/schema/index.ts'
import { BadRequestError, UnsupportedMediaTypeError } from '../errors.ts'
import { readInWorker } from '../export/export-worker.ts'
import { checkDocx } from './docx-guard.ts'
import { plainHeaderCells } from './header-cells.ts'
import type { UploadedFile } from './upload.ts'

/** Word styles mapped to the schema (pandoc's and LibreOffice's names for code and quotes too). */
const styleMap = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Quote'] => blockquote > p:fresh",
  "p[style-name='Intense Quote'] => blockquote > p:fresh",
  "p[style-name='Block Text'] => blockquote > p:fresh",
  "p[style-name='Source Code'] => p > code:fresh",
  "r[style-name='Verbatim Char'] => code",
]

/** Images embedded in a .docx are kept only when small (as data URLs); larger ones are left out. */
const maxInlineImageBytes = 200 * 1024

let window: Window | undefined

/**
 * Parses HTML into the schema through a DOM that never runs scripts (happy-dom with JavaScript off). Only
 * what the schema's parse rules match survives: scripts, styles, event handlers and unknown tags are dropped.
 */
export async function parseHtml(html: string): Promise<ProseMirrorNode> {
  // happy-dom weighs some 60 MB once loaded: only a process that imports loads it, on first use.
  const { Window } = await import('happy-dom')
  window ??= new Window({
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
    },
  })
  const container = window.document.createElement('div')
  container.innerHTML = html
  return DOMParser.fromSchema(schema).parse(container as unknown as Node)
}

/** Frees the DOM (server shutdown). */
export async function closeHtmlParser(): Promise<void> {
  await window?.happyDOM.close()
  window = undefined
}

/** Which kind of file an upload is, by extension first and type second. */
export function importKind(file: UploadedFile): 'docx' | 'markdown' | 'html' {
  const name = file.filename.toLowerCase()
  if (name.endsWith('.docx') || file.mimeType.includes('wordprocessingml')) return 'docx'
  if (name.endsWith('.md') || name.endsWith('.markdown') || file.mimeType === 'text/markdown')
    return 'markdown'
  if (name.endsWith('.html') || name.endsWith('.htm') || file.mimeType === 'text/html') return 'html'
  throw new UnsupportedMediaTypeError('Import a .docx, .md or .html file.')
}

/** The kinds of file an import reads. */
export type ImportKind = ReturnType<typeof importKind>

/** Files larger than this (uncompressed, for a .docx) are read in the worker thread, not on the event loop. */
export const importWorkerThreshold = 256 * 1024

/**
 * Reads a file already checked (a .docx's zip directory within the limits) into the schema, in this thread.
 * The worker thread runs this for large files. A file that cannot be read is a 400 naming `file`.
 */
export async function convertUpload(kind: ImportKind, data: Buffer): Promise<ProseMirrorNode> {
  if (kind === 'markdown') return parseMarkdown(data.toString('utf8'))
  if (kind === 'html') return parseHtml(data.toString('utf8'))
  const { default: mammoth } = await import('mammoth')
  let html: string
  try {
    ;({ value: html } = await mammoth.convertToHtml(
      { buffer: data },
      {
        styleMap,
        convertImage: mammoth.images.imgElement(async (image) => {
          const base64 = await image.readAsBase64String()
          return base64.length * 0.75 <= maxInlineImageBytes
            ? { src: `data:${image.contentType};base64,${base64}` }
            : { src: '' }
        }),
      },
    ))
  } catch (error) {
    throw new BadRequestError(
      `This .docx could not be read: ${error instanceof Error ? error.message : String(error)}`,
      { fields: { file: 'unreadable .docx' } },
    )
  }
  return plainHeaderCells(await parseHtml(html))
}

/**
 * Turns an uploaded file into a document of the schema. A .docx is checked first (its zip directory, without
 * inflating); a large file is then read in the worker thread, so the event loop keeps serving meanwhile.
 */
export async function parseUpload(file: UploadedFile): Promise<ProseMirrorNode> {
  const kind = importKind(file)
  const size = kind === 'docx' ? await checkDocx(file.data) : file.data.length
  if (size <= importWorkerThreshold) return convertUpload(kind, file.data)
  return readInWorker(kind, file.data)
}
