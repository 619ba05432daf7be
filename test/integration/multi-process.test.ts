/**
 * Several processes, one instance: two servers on the same Postgres database share live documents, presence,
 * thread events and access changes through Redis (REDIS_URL). Clients on either process see each other's
 * text at once; what is stored converges; closing a socket for a disabled account reaches the other process.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import net from 'node:net'
import { Redis } from 'ioredis'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { UserDto } from '../../shared/api/users.ts'
import { closeCodes } from '../../shared/collab/messages.ts'
import { type CollabClient, connectCollab } from '../support/collab-client.ts'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'
import { givenDocument, givenUser, testPassword } from '../support/given.ts'
import { HttpAgent } from '../support/http-agent.ts'
import { startServerChild } from '../support/server-child.ts'
import { freePort } from '../support/test-server.ts'
import { appendParagraph, eventually, paragraphs } from '../support/ydoc-text.ts'

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

/** True when something answers on the Redis port. */
function redisReachable(): Promise<boolean> {
  const { hostname, port } = new URL(redisUrl)
  return new Promise((resolve) => {
    const socket = net.connect(Number(port || 6379), hostname)
    const answer = (reachable: boolean) => {
      socket.destroy()
      resolve(reachable)
    }
    socket.setTimeout(1000)
    socket.once('connect', () => answer(true))
    socket.once('error', () => answer(false))
    socket.once('timeout', () => answer(false))
  })
}

const haveRedis = await redisReachable()
if (!haveRedis) {
  const message = `Redis is not reachable at ${redisUrl}: the multi-process tests need it (apt-get install redis-server).`
  if (process.env.CI === 'true') throw new Error(message)
  console.warn(`skipped: ${message}`)
}

describe.skipIf(!haveRedis)('two processes sharing one instance through Redis', () => {
  let database: TestDatabase
  let pool: pg.Pool
  const children: ChildProcess[] = []
  const clients: CollabClient[] = []
  let urls: [string, string]
  let publicUrl: string

  beforeAll(async () => {
    database = await createTestDatabase({ migrated: true })
    pool = new pg.Pool({ connectionString: database.url, max: 2 })
    const ports = [await freePort(), await freePort()]
    // Behind a load balancer both answer at one public address; the sockets' Origin check uses it.
    publicUrl = `http://127.0.0.1:${ports[0]}`
    for (const port of ports) {
      children.push(
        await startServerChild({
          DATABASE_URL: database.url,
          REDIS_URL: redisUrl,
          PORT: String(port),
          PUBLIC_URL: publicUrl,
          SESSION_SECRET: 'multi-process-secret-multi-process-0123',
          LOG_LEVEL: 'warn',
          NODE_ENV: 'test',
        }),
      )
    }
    urls = [`http://127.0.0.1:${ports[0]}`, `http://127.0.0.1:${ports[1]}`]
  }, 60_000)

  afterAll(async () => {
    for (const client of clients) client.destroy()
    await Promise.all(
      children.map(
        (child) =>
          new Promise((resolve) => {
            if (child.exitCode !== null) return resolve(undefined)
            child.once('exit', resolve)
            child.kill('SIGTERM')
          }),
      ),
    )
    await pool?.end()
    await database?.drop()
  })

  async function agentOn(process: 0 | 1, user: UserDto): Promise<HttpAgent> {
    const agent = new HttpAgent(urls[process], publicUrl)
    await agent.signIn(user.email, testPassword)
    return agent
  }

  async function connectOn(process: 0 | 1, user: UserDto, documentId: string): Promise<CollabClient> {
    const client = connectCollab(urls[process], await agentOn(process, user), documentId)
    clients.push(client)
    await client.synced
    return client
  }

  it('shows each process the text typed on the other, and stores one converged state', async () => {
    const [a, b] = [await givenUser(pool), await givenUser(pool)]
    const documentId = await givenDocument(pool, 'Shared', [
      [a, 'owner'],
      [b, 'author'],
    ])
    const onFirst = await connectOn(0, a, documentId)
    const onSecond = await connectOn(1, b, documentId)
    appendParagraph(onFirst.doc, 'Typed in Gaborone')
    appendParagraph(onSecond.doc, 'Typed in Islamabad')
    await eventually(
      () => paragraphs(onFirst.doc).length === 2 && paragraphs(onSecond.doc).length === 2,
      'both paragraphs reach both processes',
    )
    await Promise.all([onFirst.saved(), onSecond.saved()])

    const stored = new Y.Doc()
    const { rows } = await pool.query(
      `SELECT state AS data, 0 AS id FROM document_snapshots WHERE document_id = $1
       UNION ALL SELECT data, id FROM document_updates WHERE document_id = $1 ORDER BY id`,
      [documentId],
    )
    for (const row of rows) Y.applyUpdate(stored, row.data)
    expect(paragraphs(stored).sort()).toEqual(['Typed in Gaborone', 'Typed in Islamabad'])
    expect(paragraphs(onFirst.doc)).toEqual(paragraphs(onSecond.doc))
  })

  it("shows one process's presence on the other", async () => {
    const [a, b] = [await givenUser(pool), await givenUser(pool)]
    const documentId = await givenDocument(pool, 'Presence', [
      [a, 'owner'],
      [b, 'commenter'],
    ])
    const onFirst = await connectOn(0, a, documentId)
    const onSecond = await connectOn(1, b, documentId)
    onFirst.provider.awareness.setLocalStateField('user', { name: 'Author on the first process' })
    await eventually(
      () =>
        [...onSecond.provider.awareness.getStates().values()].some(
          (state) => state.user?.name === 'Author on the first process',
        ),
      'presence crosses processes',
    )
    onFirst.destroy()
    await eventually(
      () => onSecond.provider.awareness.getStates().get(onFirst.doc.clientID) === undefined,
      'a closed socket leaves the other process too',
    )
  })

  it('sends a thread opened through one process to sockets on the other', async () => {
    const [a, b] = [await givenUser(pool), await givenUser(pool)]
    const documentId = await givenDocument(pool, 'Threads', [
      [a, 'owner'],
      [b, 'commenter'],
    ])
    const watcher = await connectOn(1, a, documentId)
    const commenter = await agentOn(0, b)
    const created = await commenter.post(`/api/documents/${documentId}/threads`, {
      anchor: { document: true },
      body: 'Seen from the other process?',
    })
    expect(created.status).toBe(201)
    await eventually(
      () => watcher.events.some((e) => e.type === 'thread.created'),
      'the thread event reaches the other process',
    )
  })

  it('closes the sockets of an account disabled through the other process', async () => {
    const [admin, b] = [await givenUser(pool, { isAdmin: true }), await givenUser(pool)]
    const documentId = await givenDocument(pool, 'Access', [[b, 'author']])
    const client = await connectOn(1, b, documentId)
    const response = await (await agentOn(0, admin)).request('PATCH', `/api/admin/users/${b.id}`, {
      json: { disabled: true },
    })
    expect(response.status).toBe(200)
    expect((await client.closed).code).toBe(closeCodes.unauthenticated)
  })

  it('catches up after losing its Redis connections, and makes its sockets sign in again', async () => {
    const [a, b] = [await givenUser(pool), await givenUser(pool)]
    const documentId = await givenDocument(pool, 'Outage', [
      [a, 'owner'],
      [b, 'author'],
    ])
    const onFirst = await connectOn(0, a, documentId)
    const onSecond = await connectOn(1, b, documentId)
    appendParagraph(onFirst.doc, 'Before the outage')
    await eventually(() => paragraphs(onSecond.doc).length === 1, 'the first line crosses')

    // Cut the second process's connections to Redis, as a restart or a network fault would, and type on
    // the first meanwhile: what the second misses it must ask for once it is back.
    const admin = new Redis(redisUrl)
    const databaseName = new URL(database.url).pathname.slice(1)
    const list = String(await admin.client('LIST'))
    const ids = list
      .split('\n')
      .filter(
        (line) => line.includes(`name=marginalia:${databaseName}:`) && line.includes(`:${children[1]!.pid}`),
      )
      .map((line) => /\bid=(\d+)/.exec(line)?.[1])
    expect(ids.length).toBe(2)
    for (const id of ids) await admin.client('KILL', 'ID', id!)
    for (let i = 0; i < 5; i++) appendParagraph(onFirst.doc, `During the outage ${i}`)
    await admin.quit()

    expect((await onSecond.closed).code).toBe(closeCodes.accessChanged)
    await eventually(
      () => paragraphs(onSecond.doc).length === 6 && onSecond.provider.synced,
      'the second process catches up, and its reconnected client with it',
      20_000,
    )
    appendParagraph(onSecond.doc, 'After the outage')
    await eventually(() => paragraphs(onFirst.doc).length === 7, 'and the bus carries on both ways')
    expect(paragraphs(onFirst.doc)).toEqual(paragraphs(onSecond.doc))
  })

  it('brings a process that loads the document late up to date, and both answer ready with the bus', async () => {
    const [a, b] = [await givenUser(pool), await givenUser(pool)]
    const documentId = await givenDocument(pool, 'Late', [
      [a, 'owner'],
      [b, 'author'],
    ])
    const early = await connectOn(0, a, documentId)
    for (let i = 0; i < 20; i++) appendParagraph(early.doc, `Line ${i}`)
    const late = await connectOn(1, b, documentId)
    await eventually(() => paragraphs(late.doc).length === 20, 'the late process has every line')
    for (const url of urls) {
      const ready = await fetch(`${url}/readyz`).then((r) => r.json())
      expect(ready).toMatchObject({ status: 'ready', bus: 'redis' })
    }
  })
})

describe('a process whose Redis does not answer', () => {
  it('refuses to start, naming REDIS_URL, rather than serve alone and drift apart from the others', async () => {
    const database = await createTestDatabase({ migrated: true })
    try {
      const child = spawn(process.execPath, ['bin/marginalia.js', 'serve'], {
        env: {
          ...process.env,
          DATABASE_URL: database.url,
          REDIS_URL: 'redis://127.0.0.1:1',
          PORT: String(await freePort()),
          SESSION_SECRET: 'multi-process-secret-multi-process-0123',
          NODE_ENV: 'test',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let output = ''
      child.stdout?.on('data', (chunk) => {
        output += chunk
      })
      child.stderr?.on('data', (chunk) => {
        output += chunk
      })
      const code = await new Promise((resolve) => child.once('exit', resolve))
      expect(code).not.toBe(0)
      expect(output).toContain('REDIS_URL')
    } finally {
      await database.drop()
    }
  }, 30_000)
})
