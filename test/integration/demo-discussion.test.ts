import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findMembership } from '../../server/db/members.repo.ts'
import { findUserByEmail } from '../../server/db/users.repo.ts'
import { seedDemoDiscussion } from '../../server/demo/discussion.ts'
import { demoDocumentId, seedDemo } from '../../server/demo/seed.ts'
import { listThreads } from '../../server/services/threads/threads.service.ts'
import { testLog } from '../support/log.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server?.stop())

describe('the demo consultation', () => {
  it('opens the draft for comments with threads from several countries, on their words, once', async () => {
    await seedDemo(server.ctx.db.pool, testLog)
    expect(await seedDemoDiscussion(server.ctx)).toBe(5)
    expect(await seedDemoDiscussion(server.ctx)).toBe(0)

    const editor = await findUserByEmail(server.ctx.db.pool, 'editor@demo.example')
    const member = await findMembership(server.ctx.db.pool, editor!.id, demoDocumentId)
    expect(member?.phase).toBe('consultation')
    expect(member!.comment_deadline!.getTime()).toBeGreaterThan(Date.now())
    const { items } = await listThreads(server.ctx, member!, { limit: 50 })
    expect(items).toHaveLength(5)
    expect(new Set(items.map((t) => t.author?.country))).toEqual(new Set(['BW', 'NG', 'ID', 'PK', 'GB']))
    expect(items.filter((t) => t.anchor.state === 'orphaned')).toEqual([])
    expect(items.filter((t) => t.status === 'resolved')).toHaveLength(1)
    expect(items.some((t) => t.proposedText === 'learners in rural and remote areas')).toBe(true)
  })
})
