import type { Node as ProseMirrorNode } from 'prosemirror-model'
import { updateYFragment, yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror'
import {
  escapeHtml,
  schema,
  serializeHtml,
  serializeMarkdown,
  serializeText,
} from '../../shared/schema/index.ts'
import { fragmentName } from '../collab/document-store.ts'
import type { AppContext } from '../context.ts'
import { BadRequestError } from '../errors.ts'
import type { Membership } from '../policies/access.ts'

/** The formats the content endpoint answers in. */
export const contentFormats = ['json', 'markdown', 'html', 'text'] as const

/** One of the content formats. */
export type ContentFormat = (typeof contentFormats)[number]

/** Reads the current text of a document from its live state (loading it for the moment if nobody has it open). */
export async function currentDocument(ctx: AppContext, documentId: string): Promise<ProseMirrorNode> {
  return ctx.live.with(documentId, (live) =>
    yXmlFragmentToProseMirrorRootNode(live.doc.getXmlFragment(fragmentName), schema),
  )
}

/** The current text in one format, with its content type. */
export async function readContent(
  ctx: AppContext,
  member: Membership,
  format: ContentFormat,
): Promise<{ contentType: string; body: string | object }> {
  return renderContent(await currentDocument(ctx, member.document_id), member.title, format)
}

/** A document (the current text or a version's) in one format, with its content type. */
export function renderContent(
  doc: ProseMirrorNode,
  title: string,
  format: ContentFormat,
): { contentType: string; body: string | object } {
  switch (format) {
    case 'json':
      return { contentType: 'application/json', body: { doc: doc.toJSON() } }
    case 'markdown':
      return { contentType: 'text/markdown; charset=utf-8', body: serializeMarkdown(doc) }
    case 'text':
      return { contentType: 'text/plain; charset=utf-8', body: serializeText(doc) }
    case 'html':
      return {
        contentType: 'text/html; charset=utf-8',
        body: `<!doctype html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n<body>\n${serializeHtml(doc)}\n</body></html>\n`,
      }
  }
}

/**
 * Replaces the whole text of a live document with `doc` (origin `server`), as a diff against the current
 * Yjs state so that unchanged parts keep their identity (and the comments anchored in them). Resolves once
 * the change is durable; every connected editor shows it at once.
 */
export async function replaceContent(
  ctx: AppContext,
  documentId: string,
  doc: ProseMirrorNode,
): Promise<void> {
  if (doc.type.schema !== schema) throw new BadRequestError('The document does not use the draft schema.')
  await ctx.live.with(documentId, (live) =>
    live.transactServer((ydoc) => {
      updateYFragment(ydoc, ydoc.getXmlFragment(fragmentName), doc, {
        mapping: new Map(),
        isOMark: new Map(),
      })
    }),
  )
}
