import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DispositionRowDto, dispositionKeys } from '../../shared/api/disposition.ts'
import type { ThreadDto } from '../../shared/api/threads.ts'
import { exportWorld, signedIn } from '../support/export-world.ts'
import { givenUser } from '../support/given.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'

let server: TestServer

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server?.stop())

let shared: ReturnType<typeof exportWorld> | undefined
/** The world of these tests, which only read it, built once. */
const world = () => {
  shared ??= exportWorld(server)
  return shared
}

/** The threads in document order, as the disposition lists them. */
function inDocumentOrder(threads: ThreadDto[]): ThreadDto[] {
  const rank = { anchored: 0, orphaned: 1, document: 2 }
  return [...threads].sort(
    (a, b) =>
      rank[a.anchor.state] - rank[b.anchor.state] ||
      (a.anchor.from ?? 0) - (b.anchor.from ?? 0) ||
      (a.anchor.to ?? 0) - (b.anchor.to ?? 0) ||
      a.createdAt.localeCompare(b.createdAt),
  )
}

describe('the disposition of comments as JSON', () => {
  it('answers one row per thread in document order, with the columns the files have', async () => {
    const { ownerAgent, documentId, threads } = await world()
    const response = await ownerAgent.get(`/api/documents/${documentId}/disposition?format=json`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('application/json')
    const { items, nextCursor } = response.body as { items: DispositionRowDto[]; nextCursor: null }
    expect(nextCursor).toBeNull()
    const ordered = inDocumentOrder(threads)
    expect(items).toHaveLength(threads.length)
    for (const row of items) expect(Object.keys(row)).toEqual([...dispositionKeys])
    expect(items.map((row) => row.number)).toEqual(ordered.map((_, i) => String(i + 1)))
    expect(items.map((row) => [row.country, row.expert, row.type, row.status])).toEqual(
      ordered.map((thread) => [thread.author!.country, thread.author!.name, thread.type, thread.status]),
    )
    const resolved = items.find((row) => row.status === 'resolved')!
    expect(resolved).toEqual({
      number: resolved.number,
      country: 'BW',
      expert: 'Kagiso Mothibi',
      organization: 'BOU',
      section: '1. Introduction',
      type: 'technical',
      quote: 'few, reliable and comparable',
      comments: 'Kagiso Mothibi: Add "valid" to this list.\n\nThandiwe Moyo: Agreed, will do.',
      proposedText: 'few, valid, reliable and comparable',
      status: 'resolved',
      decision: 'accepted',
      note: 'Added “valid”.',
      resolvedBy: 'Li Wei',
      date: threads.find((thread) => thread.status === 'resolved')!.resolvedAt!.slice(0, 10),
    })
    // JSON carries the text as written: no spreadsheet formula guard, no markup interpreted.
    expect(items.some((row) => row.comments.includes('<script>alert(1)</script>'))).toBe(true)
  })

  it('applies the filters and numbers the rows within the filtered result', async () => {
    const { ownerAgent, documentId, threads } = await world()
    const rowsFor = async (query: string) => {
      const response = await ownerAgent.get(`/api/documents/${documentId}/disposition?format=json&${query}`)
      expect(response.status, response.text).toBe(200)
      return (response.body as { items: DispositionRowDto[] }).items
    }
    const indonesia = await rowsFor('country=ID')
    expect(indonesia).toHaveLength(threads.filter((thread) => thread.author?.country === 'ID').length)
    expect(indonesia.every((row) => row.country === 'ID')).toBe(true)
    expect(indonesia.map((row) => row.number)).toEqual(indonesia.map((_, i) => String(i + 1)))
    expect((await rowsFor('status=resolved')).map((row) => row.expert)).toEqual(['Kagiso Mothibi'])
    const editorial = await rowsFor('type=editorial')
    expect(editorial).toHaveLength(threads.filter((thread) => thread.type === 'editorial').length)
    expect(editorial.every((row) => row.type === 'editorial')).toBe(true)
    const tools = await rowsFor('section=2.%20Tools')
    expect(tools).toHaveLength(threads.filter((thread) => thread.section.includes('2. Tools')).length)
    expect(tools.every((row) => row.section.startsWith('2. Tools'))).toBe(true)
    expect(await rowsFor('country=BW&type=editorial&status=open')).toHaveLength(
      threads.filter(
        (thread) =>
          thread.author?.country === 'BW' && thread.type === 'editorial' && thread.status === 'open',
      ).length,
    )
  })

  it('names a bad format or filter, and lists json among the formats', async () => {
    const { ownerAgent, documentId } = await world()
    const bad = await ownerAgent.get(`/api/documents/${documentId}/disposition?format=jsonp&type=minor`)
    expect(bad.status).toBe(400)
    expect(Object.keys(bad.body.error.details.fields).sort()).toEqual(['format', 'type'])
    expect(bad.body.error.details.fields.format).toBe('One of xlsx, csv, docx, json')
  })

  it('is for editors and owners: other members get 403, outsiders 404', async () => {
    const { author, viewer, editor, documentId } = await world()
    for (const user of [author, viewer]) {
      const agent = await signedIn(server, user)
      const refused = await agent.get(`/api/documents/${documentId}/disposition?format=json`)
      expect(refused.status).toBe(403)
      expect(refused.body.error.code).toBe('forbidden')
    }
    const outsider = await signedIn(server, await givenUser(server.ctx.db.pool, { name: 'Nobody' }))
    expect((await outsider.get(`/api/documents/${documentId}/disposition?format=json`)).status).toBe(404)
    const agent = await signedIn(server, editor)
    const answer = await agent.get(`/api/documents/${documentId}/disposition?format=json`)
    expect(answer.status).toBe(200)
    expect(answer.body.items.length).toBeGreaterThan(0)
  })
})
