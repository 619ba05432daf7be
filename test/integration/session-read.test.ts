import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findMembership } from '../../server/db/members.repo.ts'
import { findSessionMembership, findSessionWithAccount } from '../../server/db/sessions.repo.ts'
import { findUserById } from '../../server/db/users.repo.ts'
import { givenUser, testPassword } from '../support/given.ts'
import { HttpAgent } from '../support/http-agent.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'

// Every API request reads its session, account and membership in one query (read_session, migration 0016;
// server/http/session-accounts.ts): it must answer exactly what the separate look-ups answer.
let server: TestServer
const pool = () => server.ctx.db.pool

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  await server?.stop()
})

describe('reading a session with its account and membership', () => {
  it('answers the account and membership the separate look-ups answer, and nothing for a dead session', async () => {
    const user = await givenUser(pool(), {
      name: 'Kagiso Mothibi',
      country: 'BW',
      organization: 'BOU',
      isAdmin: true,
    })
    const agent = new HttpAgent(server.url)
    await agent.signIn(user.email, testPassword)
    const { body } = await agent.post('/api/documents', { title: 'Mine', markdown: '# Mine\n\nText.\n' })
    const {
      rows: [{ sid }],
    } = await pool().query(`SELECT sid FROM session WHERE sess -> 'passport' ->> 'user' = $1`, [user.id])

    const plain = await findSessionWithAccount(pool(), sid)
    expect(plain?.account).toEqual(await findUserById(pool(), user.id))
    expect(plain?.membership).toBeUndefined()
    expect(plain?.sess).toMatchObject({ passport: { user: user.id } })

    const withDocument = await findSessionWithAccount(pool(), sid, body.id)
    expect(withDocument?.membership).toEqual(await findMembership(pool(), user.id, body.id))
    expect(withDocument?.membership).toMatchObject({ role: 'owner', thread_list_version: '0' })
    expect(await findSessionMembership(pool(), sid, body.id)).toEqual({
      accountId: user.id,
      disabled: false,
      membership: withDocument?.membership,
    })

    const {
      rows: [notMine],
    } = await pool().query(`INSERT INTO documents (title) VALUES ('Not mine') RETURNING id`)
    expect((await findSessionWithAccount(pool(), sid, notMine.id))?.membership).toBeNull()
    expect((await findSessionMembership(pool(), sid, notMine.id))?.membership).toBeNull()
    await pool().query('UPDATE users SET disabled_at = now() WHERE id = $1', [user.id])
    expect(await findSessionMembership(pool(), sid, body.id)).toMatchObject({
      accountId: user.id,
      disabled: true,
    })
    await pool().query('UPDATE users SET disabled_at = NULL WHERE id = $1', [user.id])

    await pool().query(`UPDATE session SET expire = now() - interval '1 minute' WHERE sid = $1`, [sid])
    expect(await findSessionWithAccount(pool(), sid)).toBeUndefined()
    expect(await findSessionMembership(pool(), sid, body.id)).toBeUndefined()
  })
})
