import { readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { clientDistDir } from '../../server/http/static.ts'

interface ManifestChunk {
  file: string
  src?: string
  isEntry?: boolean
  isDynamicEntry?: boolean
  imports?: string[]
}

/** The pages measured, by the source module that renders each. */
export const measuredPages = {
  'sign-in': 'pages/SignInPage.tsx',
  documents: 'pages/DocumentsPage.tsx',
  document: 'pages/DocumentPage.tsx',
} as const

function readManifest(): Record<string, ManifestChunk> {
  const file = path.join(clientDistDir, '.vite', 'manifest.json')
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, ManifestChunk>
}

/** Every chunk key loaded before `key` can run: it and its static imports, transitively. */
function staticClosure(
  manifest: Record<string, ManifestChunk>,
  key: string,
  seen = new Set<string>(),
): Set<string> {
  if (seen.has(key)) return seen
  seen.add(key)
  for (const imported of manifest[key]?.imports ?? []) staticClosure(manifest, imported, seen)
  return seen
}

/**
 * The initial JavaScript of each page, gzip -9: the entry's static graph, plus the page's own chunk and its
 * static imports when the page is split out (loaded by a dynamic import).
 */
export function initialJavaScript(): Record<
  keyof typeof measuredPages,
  { files: number; rawBytes: number; gzipBytes: number }
> {
  const manifest = readManifest()
  const entry = Object.keys(manifest).find((key) => manifest[key]?.isEntry)
  if (!entry) throw new Error('no entry in the Vite manifest: run `npm run build` first')
  const result = {} as ReturnType<typeof initialJavaScript>
  for (const [page, source] of Object.entries(measuredPages) as Array<[keyof typeof measuredPages, string]>) {
    const keys = staticClosure(manifest, entry)
    const pageKey = Object.keys(manifest).find((key) => key.endsWith(source) && manifest[key]?.isDynamicEntry)
    if (pageKey) staticClosure(manifest, pageKey, keys)
    let rawBytes = 0
    let gzipBytes = 0
    const files = [...keys].map((key) => manifest[key]!.file).filter((file) => file.endsWith('.js'))
    for (const file of files) {
      const bytes = readFileSync(path.join(clientDistDir, file))
      rawBytes += bytes.length
      gzipBytes += gzipSync(bytes, { level: 9 }).length
    }
    result[page] = { files: files.length, rawBytes, gzipBytes }
  }
  return result
}
