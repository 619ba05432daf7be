import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import type { UserDto } from '../../shared/api/users.ts'
import { type CollabClient, connectCollab } from '../support/collab-client.ts'
import { givenUser, testPassword } from '../support/given.ts'
import { HttpAgent } from '../support/http-agent.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'
import { eventually } from '../support/ydoc-text.ts'

let server: TestServer
const clients: CollabClient[] = []

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  for (const client of clients) client.destroy()
  await server?.stop()
})

async function as(user: UserDto): Promise<HttpAgent> {
  const agent = new HttpAgent(server.url)
  await agent.signIn(user.email, testPassword)
  return agent
}

const draft =
  '# Guidelines\n\n## 1. Introduction\n\nOpen universities widen access.\n\n## 2. Tools\n\nIndicators should be few and reliable.\n\nPeer review adds an external view.'

describe('versions', () => {
  it('keeps, lists, reads, compares and restores versions, and threads keep their text', async () => {
    const owner = await givenUser(_pool(), { isAdmin: true, name: 'Li Wei' })
    const agent = await as(owner)
    const documentId = (await agent.post('/api/documents', { title: 'Guidelines', markdown: draft })).body.id
    const onIntro = (
      await agent.post(`/api/documents/${documentId}/threads`, {
        anchor: { quote: 'widen access' },
        body: 'Good.',
      })
    ).body
    const onIndicators = (
      await agent.post(`/api/documents/${documentId}/threads`, {
        anchor: { quote: 'few and reliable' },
        body: 'Which?',
      })
    ).body

    const v1 = await agent.post(`/api/documents/${documentId}/versions`, { name: 'Draft 0.9' })
    expect(v1.status).toBe(201)
    expect(v1.body).toMatchObject({ name: 'Draft 0.9', kind: 'manual', createdBy: { name: 'Li Wei' } })

    // Edit the live text: change a word in the indicators paragraph, delete the last paragraph.
    const client = connectCollab(server.url, agent, documentId)
    clients.push(client)
    await client.synced
    const fragment = client.doc.getXmlFragment('prosemirror')
    const indicators = (fragment.get(4) as Y.XmlElement).get(0) as Y.XmlText
    indicators.delete(indicators.toString().indexOf('few'), 4)
    indicators.insert(indicators.toString().indexOf('and'), 'a handful ')
    fragment.delete(5, 1)
    await client.saved()

    const list = await agent.get(`/api/documents/${documentId}/versions`)
    expect(list.body.items.map((v: { name: string }) => v.name)).toEqual(['Draft 0.9'])
    const old = await agent.get(`/api/documents/${documentId}/versions/${v1.body.id}/content?format=text`)
    expect(old.text).toContain('Indicators should be few and reliable.')
    expect(old.text).toContain('Peer review adds an external view.')

    const comparison = await agent.get(`/api/documents/${documentId}/compare?from=${v1.body.id}&to=current`)
    expect(comparison.body.summary.paragraphsChanged).toBe(2)
    expect(comparison.body.summary.sections).toEqual([{ section: '2. Tools', paragraphsChanged: 2 }])
    const changed = comparison.body.blocks.filter((b: { changed: boolean }) => b.changed)
    const side = (parts: Array<{ type: string; text: string }>, skip: string) =>
      parts
        .filter((p) => p.type !== skip)
        .map((p) => p.text)
        .join('')
    expect(side(changed[0].parts, 'insert')).toBe('Indicators should be few and reliable.')
    expect(side(changed[0].parts, 'delete')).toBe('Indicators should be a handful and reliable.')
    expect(
      changed[0].parts
        .filter((p: { type: string }) => p.type === 'equal')
        .map((p: { text: string }) => p.text)
        .join(''),
    ).toContain('and reliable.')
    expect(changed[1].parts).toEqual([{ type: 'delete', text: 'Peer review adds an external view.' }])

    const restored = await agent.post(`/api/documents/${documentId}/versions/${v1.body.id}/restore`)
    expect(restored.status).toBe(200)
    await eventually(
      () => fragment.toString().includes('Peer review adds an external view.'),
      'the live client sees the restore',
    )
    const now = await agent.get(`/api/documents/${documentId}/content?format=text`)
    expect(now.text).toContain('Indicators should be few and reliable.')
    const versions = await agent.get(`/api/documents/${documentId}/versions`)
    expect(versions.body.items[0]).toMatchObject({ kind: 'restore', name: 'Before restoring “Draft 0.9”' })

    const intro = await agent.get(`/api/threads/${onIntro.id}`)
    expect(intro.body.anchor).toMatchObject({
      state: 'anchored',
      currentText: 'widen access',
      reanchored: false,
    })
    const refound = await agent.get(`/api/threads/${onIndicators.id}`)
    expect(refound.body.anchor).toMatchObject({ state: 'anchored', currentText: 'few and reliable' })

    expect((await agent.get(`/api/documents/${documentId}/compare?from=current&to=current`)).status).toBe(400)
    expect((await agent.get(`/api/documents/${documentId}/versions/not-a-version/content`)).status).toBe(404)
  })

  it('keeps a version automatically when the phase changes', async () => {
    const owner = await givenUser(_pool(), { isAdmin: true })
    const agent = await as(owner)
    const documentId = (await agent.post('/api/documents', { title: 'Phases', markdown: 'Text.' })).body.id
    await agent.request('PATCH', `/api/documents/${documentId}`, { json: { phase: 'consultation' } })
    const list = await agent.get(`/api/documents/${documentId}/versions`)
    expect(list.body.items).toMatchObject([{ kind: 'phase', name: 'Phase changed to consultation' }])
  })
})

function _pool() {
  return server.ctx.db.pool
}
