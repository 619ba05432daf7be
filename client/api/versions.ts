import type { ComparisonDto, VersionDto } from '../../shared/api/versions.ts'
import { request } from './http.ts'
import { queryString, segment } from './query.ts'
import type { Page } from './types.ts'

/** A named version of a document: id, name, kind (manual, phase, import, restore), when and by whom. */
export type Version = VersionDto

/** What GET /compare answers: the blocks of both texts aligned, with word changes, and a per-section summary. */
export type Comparison = ComparisonDto

/** Either side of a comparison: a version's id, or the current text. */
export type VersionRef = string | 'current'

/** A document's versions, newest first (read). */
export function listVersions(documentId: string, signal?: AbortSignal): Promise<Page<Version>> {
  return request(`/api/documents/${segment(documentId)}/versions`, { signal })
}

/** Keeps the text and every thread's state now under a name (manage_versions); 400 naming `name` when blank. */
export function saveVersion(documentId: string, name: string): Promise<Version> {
  return request(`/api/documents/${segment(documentId)}/versions`, { method: 'POST', body: { name } })
}

/** A version's text as ProseMirror JSON, to render through the shared schema (never as HTML from the wire). */
export function versionDocument(
  documentId: string,
  versionId: string,
  signal?: AbortSignal,
): Promise<{ doc: unknown }> {
  return request(`/api/documents/${segment(documentId)}/versions/${segment(versionId)}/content?format=json`, {
    signal,
  })
}

/** The changes from one version (or the current text) to another. 400 when both are the same. */
export function compareVersions(
  documentId: string,
  from: VersionRef,
  to: VersionRef,
  signal?: AbortSignal,
): Promise<Comparison> {
  return request(`/api/documents/${segment(documentId)}/compare${queryString({ from, to })}`, { signal })
}

/**
 * Makes a version the current text, as a new change (manage_versions). The server keeps a version of the
 * text before first; answers the restored version.
 */
export function restoreVersion(documentId: string, versionId: string): Promise<Version> {
  return request(`/api/documents/${segment(documentId)}/versions/${segment(versionId)}/restore`, {
    method: 'POST',
  })
}
