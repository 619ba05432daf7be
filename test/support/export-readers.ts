import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import JSZip from 'jszip'
import type { HttpAgent } from './http-agent.ts'

const run = promisify(execFile)

/** A download: status, headers and the body as bytes (the agent reads bodies as text). */
export interface Download {
  status: number
  headers: Headers
  bytes: Buffer
  text: string
}

/** GETs `pathname` with the agent's session and answers the body as bytes. */
export async function download(agent: HttpAgent, pathname: string): Promise<Download> {
  const cookie = [...agent.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  const response = await fetch(new URL(pathname, agent.baseUrl), { headers: { cookie }, redirect: 'manual' })
  const bytes = Buffer.from(await response.arrayBuffer())
  return { status: response.status, headers: response.headers, bytes, text: bytes.toString('utf8') }
}

/** True when a program is on the PATH. */
export function installed(program: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => existsSync(path.join(dir, program)))
}

/** Runs `work` in a fresh temporary folder, removed after. */
export async function inTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'marginalia-export-'))
  try {
    return await work(dir)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** What pandoc reads of a .docx in the given output format (`--track-changes=all` keeps comments). */
export async function pandoc(bytes: Buffer, to: 'markdown' | 'json' | 'plain'): Promise<string> {
  return inTempDir(async (dir) => {
    const file = path.join(dir, 'in.docx')
    await writeFile(file, bytes)
    const { stdout } = await run('pandoc', ['--track-changes=all', '--wrap=none', '-t', to, file], {
      maxBuffer: 64 * 1024 * 1024,
    })
    return stdout
  })
}

/** One Word comment as pandoc reads it: its attributes, its text, and the document text it spans. */
export interface PandocComment {
  id: string
  author: string
  date: string
  body: string
  /** The text between its start and its end; paragraphs joined with "\n". */
  range: string
}

type PandocNode = { t: string; c?: unknown }

/**
 * A .docx as pandoc reads it (its JSON AST, walked in document order): the text, one line per paragraph
 * (table cells included), and every comment. Pandoc writes a comment as a `comment-start` span holding the
 * comment's text, followed by the anchored text, then an empty `comment-end` span.
 */
export async function pandocRead(bytes: Buffer): Promise<{ text: string; comments: PandocComment[] }> {
  const ast = JSON.parse(await pandoc(bytes, 'json')) as { blocks: unknown[] }
  let text = ''
  const starts = new Map<string, { author: string; date: string; body: string; at: number }>()
  const ends = new Map<string, number>()

  const plain = (inlines: unknown): string => {
    const saved = text
    text = ''
    walk(inlines)
    const out = text
    text = saved
    return out
  }

  function walk(value: unknown): void {
    if (Array.isArray(value)) {
      for (const item of value) walk(item)
      return
    }
    if (typeof value !== 'object' || value === null || !('t' in value)) return
    const node = value as PandocNode
    switch (node.t) {
      case 'Str':
        text += node.c as string
        return
      case 'Space':
      case 'SoftBreak':
        text += ' '
        return
      case 'LineBreak':
        text += '\n'
        return
      case 'Code':
        text += (node.c as [unknown, string])[1]
        return
      case 'Span': {
        const [[, classes, pairs], inlines] = node.c as [[string, string[], [string, string][]], unknown[]]
        const attributes = Object.fromEntries(pairs)
        if (classes.includes('comment-start')) {
          starts.set(attributes.id!, {
            author: attributes.author ?? '',
            date: attributes.date ?? '',
            body: plain(inlines),
            at: text.length,
          })
          return
        }
        if (classes.includes('comment-end')) ends.set(attributes.id!, text.length)
        walk(inlines)
        return
      }
      case 'Para':
      case 'Plain':
        walk(node.c)
        text += '\n'
        return
      case 'Header':
        walk((node.c as unknown[])[2])
        text += '\n'
        return
      default:
        walk(node.c)
    }
  }

  walk(ast.blocks)
  const comments = [...starts].map(([id, start]) => ({
    id,
    author: start.author,
    date: start.date,
    body: start.body,
    range: text.slice(start.at, ends.get(id) ?? start.at).replace(/\n$/, ''),
  }))
  return { text, comments }
}

/** Every comment of a .docx as pandoc reads it (see `pandocRead`). */
export async function pandocComments(bytes: Buffer): Promise<PandocComment[]> {
  return (await pandocRead(bytes)).comments
}

/** A part of a zip file (a .docx, .odt or .xlsx) as text, or null when it has none. */
export async function zipPart(bytes: Buffer, name: string): Promise<string | null> {
  return (await (await JSZip.loadAsync(bytes)).file(name)?.async('string')) ?? null
}

/**
 * The .docx converted by LibreOffice (`soffice --headless --convert-to odt`), answered as the ODT's
 * content.xml. Each call has its own LibreOffice profile, so it never waits for another LibreOffice.
 */
export async function libreOfficeContent(bytes: Buffer): Promise<string> {
  return inTempDir(async (dir) => {
    const file = path.join(dir, 'export.docx')
    await writeFile(file, bytes)
    await run(
      'soffice',
      [
        `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
        '--headless',
        '--norestore',
        '--convert-to',
        'odt',
        '--outdir',
        dir,
        file,
      ],
      { timeout: 120_000 },
    )
    const odt = await readFile(path.join(dir, 'export.odt'))
    return (await zipPart(odt, 'content.xml')) ?? ''
  })
}
