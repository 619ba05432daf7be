import { prosemirrorToYXmlFragment } from 'y-prosemirror'
import * as Y from 'yjs'
import type { DocumentDto } from '../../shared/api/documents.ts'
import { DocumentTitle } from '../../shared/api/documents.ts'
import type { UserDto } from '../../shared/api/users.ts'
import { fragmentName } from '../collab/document-store.ts'
import type { AppContext } from '../context.ts'
import { BadRequestError } from '../errors.ts'
import { parseUpload } from '../import/parse.ts'
import type { UploadedFile } from '../import/upload.ts'
import { createDocument } from './documents.service.ts'

/** The title a file suggests: its name without the extension ("Guidelines v2.docx" → "Guidelines v2"). */
export function titleFromFilename(filename: string): string {
  const base = filename
    .replace(/^.*[\\/]/, '')
    .replace(/\.[^.]+$/, '')
    .trim()
  return (base || 'Imported document').slice(0, 300)
}

/** The title to use: the `title` field when sent (400 naming `title` when blank or too long), else the file's name. */
function chooseTitle(file: UploadedFile): string {
  const sent = file.fields.title
  if (sent === undefined) return titleFromFilename(file.filename)
  const checked = DocumentTitle.safeParse(sent)
  if (!checked.success) {
    const message = checked.error.issues[0]?.message ?? 'Enter a title'
    throw new BadRequestError(message, { fields: { title: message } })
  }
  return checked.data
}

/**
 * Creates a document whose first text is an uploaded .docx, .md or .html file, parsed into the schema the
 * way an import is (nothing outside it survives, nothing runs). The file is parsed before anything is
 * written, so a bad file creates nothing. Same access as creating a document.
 */
export async function createDocumentFromFile(
  ctx: AppContext,
  actor: UserDto,
  file: UploadedFile,
): Promise<DocumentDto> {
  const started = Date.now()
  const title = chooseTitle(file)
  const node = await parseUpload(file)
  const ydoc = new Y.Doc()
  prosemirrorToYXmlFragment(node, ydoc.getXmlFragment(fragmentName))
  const state = Y.encodeStateAsUpdate(ydoc)
  ydoc.destroy()
  const document = await createDocument(ctx, actor, { title, state })
  ctx.log.info(
    { documentId: document.id, bytes: file.data.length, ms: Date.now() - started },
    'document.created_from_file',
  )
  return document
}
