import type { Node as ProseMirrorNode } from 'prosemirror-model'
import { yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror'
import * as Y from 'yjs'
import { sectionPath } from '../../shared/anchors/index.ts'
import type { UserDto } from '../../shared/api/users.ts'
import type { ComparisonDto, DiffPart, VersionDto, VersionKind } from '../../shared/api/versions.ts'
import { diffTokens, diffWords } from '../../shared/diff.ts'
import { schema } from '../../shared/schema/index.ts'
import { fragmentName } from '../collab/document-store.ts'
import type { AppContext } from '../context.ts'
import { insertAudit } from '../db/audit.repo.ts'
import {
  findVersion,
  insertVersion,
  listVersions,
  threadStates,
  type VersionRow,
} from '../db/versions.repo.ts'
import { BadRequestError, NotFoundError } from '../errors.ts'
import { isUuid, type Membership } from '../policies/access.ts'
import { type ContentFormat, currentDocument, renderContent, replaceContent } from './content.service.ts'

function toVersionDto(row: VersionRow): VersionDto {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    createdAt: row.created_at.toISOString(),
    createdBy:
      row.created_by && row.created_by_name ? { id: row.created_by, name: row.created_by_name } : null,
  }
}

/** Keeps a named version of the text as it is now, with every thread's state. */
export async function takeVersion(
  ctx: AppContext,
  actorId: string | null,
  documentId: string,
  name: string,
  kind: VersionKind,
): Promise<VersionDto> {
  const state = await ctx.live.with(documentId, (live) => Y.encodeStateAsUpdate(live.doc))
  const threads = await threadStates(ctx.db.pool, documentId)
  const id = await insertVersion(ctx.db.pool, { documentId, name, kind, state, threads, createdBy: actorId })
  if (kind === 'manual')
    await insertAudit(ctx.db.pool, {
      documentId,
      actorId,
      action: 'version.created',
      details: { versionId: id, name },
    })
  ctx.log.info({ documentId, versionId: id, kind }, 'version.taken')
  const row = await findVersion(ctx.db.pool, documentId, id)
  return toVersionDto(row!)
}

/** The document's versions, newest first. */
export async function versionsOf(ctx: AppContext, member: Membership): Promise<VersionDto[]> {
  return (await listVersions(ctx.db.pool, member.document_id)).map(toVersionDto)
}

async function versionRow(ctx: AppContext, member: Membership, versionId: string) {
  const row = isUuid(versionId) ? await findVersion(ctx.db.pool, member.document_id, versionId) : undefined
  if (!row) throw new NotFoundError('No such version.')
  return row
}

function documentOf(state: Uint8Array): ProseMirrorNode {
  const ydoc = new Y.Doc()
  Y.applyUpdate(ydoc, state)
  const doc = yXmlFragmentToProseMirrorRootNode(ydoc.getXmlFragment(fragmentName), schema)
  ydoc.destroy()
  return doc
}

/** A version's text in one format. */
export async function versionContent(
  ctx: AppContext,
  member: Membership,
  versionId: string,
  format: ContentFormat,
) {
  const row = await versionRow(ctx, member, versionId)
  return renderContent(documentOf(row.state), `${member.title} — ${row.name}`, format)
}

/** A version (or `current`) as a ProseMirror document and a name. */
async function side(
  ctx: AppContext,
  member: Membership,
  id: string,
): Promise<{ doc: ProseMirrorNode; id: string; name: string }> {
  if (id === 'current')
    return { doc: await currentDocument(ctx, member.document_id), id, name: 'Current text' }
  const row = await versionRow(ctx, member, id)
  return { doc: documentOf(row.state), id: row.id, name: row.name }
}

/** The top-level blocks of a document with the section each is in. */
function blocksOf(doc: ProseMirrorNode): Array<{ text: string; section: string }> {
  const blocks: Array<{ text: string; section: string }> = []
  doc.forEach((node, offset) => {
    blocks.push({ text: node.textContent, section: sectionPath(doc, offset)[0] ?? '' })
  })
  return blocks
}

/**
 * Compares two versions (or a version and the current text): blocks are aligned, a block replaced by
 * another has its words compared, and the summary counts changed paragraphs per section.
 */
export async function compareVersions(
  ctx: AppContext,
  member: Membership,
  fromId: string,
  toId: string,
): Promise<ComparisonDto> {
  if (fromId === toId)
    throw new BadRequestError('Compare two different versions.', { fields: { to: 'same as from' } })
  const [from, to] = [await side(ctx, member, fromId), await side(ctx, member, toId)]
  const before = blocksOf(from.doc)
  const after = blocksOf(to.doc)
  const runs = diffTokens(
    before.map((b) => b.text),
    after.map((b) => b.text),
  )
  const blocks: ComparisonDto['blocks'] = []
  let i = 0
  let j = 0
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r]!
    const next = runs[r + 1]
    if (run.type === 'equal') {
      for (const text of run.tokens)
        blocks.push({ section: after[j++]!.section, parts: [{ type: 'equal', text }], changed: false })
      i += run.tokens.length
    } else if (run.type === 'delete' && next?.type === 'insert') {
      // A block replaced by another: compare their words, pairwise, the rest whole.
      const pairs = Math.min(run.tokens.length, next.tokens.length)
      for (let k = 0; k < Math.max(run.tokens.length, next.tokens.length); k++) {
        const parts: DiffPart[] =
          k < pairs
            ? diffWords(run.tokens[k]!, next.tokens[k]!)
            : k < run.tokens.length
              ? [{ type: 'delete', text: run.tokens[k]! }]
              : [{ type: 'insert', text: next.tokens[k]! }]
        const section = k < next.tokens.length ? after[j + k]!.section : before[i + k]!.section
        blocks.push({ section, parts, changed: true })
      }
      i += run.tokens.length
      j += next.tokens.length
      r++
    } else if (run.type === 'delete') {
      for (const text of run.tokens)
        blocks.push({ section: before[i++]!.section, parts: [{ type: 'delete', text }], changed: true })
    } else {
      for (const text of run.tokens)
        blocks.push({ section: after[j++]!.section, parts: [{ type: 'insert', text }], changed: true })
    }
  }
  const perSection = new Map<string, number>()
  for (const block of blocks)
    if (block.changed) perSection.set(block.section, (perSection.get(block.section) ?? 0) + 1)
  return {
    from: { id: from.id, name: from.name },
    to: { id: to.id, name: to.name },
    blocks,
    summary: {
      paragraphsChanged: blocks.filter((b) => b.changed).length,
      sections: [...perSection].map(([section, paragraphsChanged]) => ({ section, paragraphsChanged })),
    },
  }
}

/**
 * Makes a version the current text, as a new change (history is kept, and a version of the text before the
 * restore is taken first). Unchanged paragraphs keep their identity, so threads on them stay anchored;
 * threads on replaced text are found again by their quote or become orphaned.
 */
export async function restoreVersion(
  ctx: AppContext,
  actor: UserDto,
  member: Membership,
  versionId: string,
): Promise<VersionDto> {
  const row = await versionRow(ctx, member, versionId)
  await takeVersion(ctx, actor.id, member.document_id, `Before restoring “${row.name}”`, 'restore')
  await replaceContent(ctx, member.document_id, documentOf(row.state))
  await insertAudit(ctx.db.pool, {
    documentId: member.document_id,
    actorId: actor.id,
    action: 'version.restored',
    details: { versionId: row.id, name: row.name },
  })
  return toVersionDto(row)
}
