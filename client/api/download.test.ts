import { describe, expect, it } from 'vitest'
import { type DownloadProgress, filenameFromDisposition, readBody } from './download.ts'

describe('filenameFromDisposition', () => {
  it('prefers the UTF-8 name, then the plain one', () => {
    expect(
      filenameFromDisposition(
        `attachment; filename="Guidelines (comments).docx"; filename*=UTF-8''Lignes%20directrices%20%C3%A9t%C3%A9%20%28comments%29.docx`,
      ),
    ).toBe('Lignes directrices été (comments).docx')
    expect(filenameFromDisposition('attachment; filename="Draft \\"2\\".md"')).toBe('Draft "2".md')
    expect(filenameFromDisposition('attachment; filename=draft.html')).toBe('draft.html')
  })

  it('keeps a name a name: no folders, no control characters', () => {
    expect(filenameFromDisposition(`attachment; filename*=UTF-8''..%2F..%2Fetc%2Fpasswd`)).toBe(
      '.._.._etc_passwd',
    )
    expect(filenameFromDisposition('attachment; filename="a\\\\b\u0007.csv"')).toBe('a_b_.csv')
  })

  it('answers null when there is no usable name', () => {
    expect(filenameFromDisposition(null)).toBeNull()
    expect(filenameFromDisposition('attachment')).toBeNull()
    expect(filenameFromDisposition('attachment; filename=""')).toBeNull()
    expect(filenameFromDisposition(`attachment; filename*=UTF-8''%E0%A4%A`)).toBeNull()
  })
})

/** A response whose body arrives in the given chunks. */
function chunked(chunks: string[], headers: Record<string, string> = {}): Response {
  const encoder = new TextEncoder()
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk))
      controller.close()
    },
  })
  return new Response(stream, { headers })
}

describe('readBody', () => {
  it('reports progress chunk by chunk against the announced size, and keeps the type', async () => {
    const seen: DownloadProgress[] = []
    const blob = await readBody(
      chunked(['PK', '\u0003\u0004', 'rest'], { 'Content-Length': '8', 'Content-Type': 'application/zip' }),
      (progress) => seen.push(progress),
    )
    expect(seen).toEqual([
      { received: 0, total: 8 },
      { received: 2, total: 8 },
      { received: 4, total: 8 },
      { received: 8, total: 8 },
    ])
    expect(blob.type).toBe('application/zip')
    expect(await blob.text()).toBe('PK\u0003\u0004rest')
  })

  it('counts what arrived when the size is unknown', async () => {
    const seen: DownloadProgress[] = []
    await readBody(chunked(['abc', 'de']), (progress) => seen.push(progress))
    expect(seen.at(-1)).toEqual({ received: 5, total: null })
  })

  it('stops with an AbortError when cancelled', async () => {
    const controller = new AbortController()
    const stream = new ReadableStream<Uint8Array>({
      pull(source) {
        source.enqueue(new Uint8Array(16))
      },
    })
    const reading = readBody(
      new Response(stream),
      ({ received }) => {
        if (received >= 64) controller.abort()
      },
      controller.signal,
    )
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' })
  })
})
