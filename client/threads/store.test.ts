import { describe, expect, it } from 'vitest'
import { ApiError } from '../api/errors.ts'
import type { NewThread } from '../api/threads.ts'
import type { Thread, ThreadComment } from '../api/types.ts'
import { createThreadStore, type ThreadsApi } from './store.ts'

function thread(id: string, updatedAt = '2025-01-01T00:00:00Z', comments: ThreadComment[] = []): Thread {
  return {
    id,
    documentId: 'doc',
    anchor: {
      state: 'document',
      from: null,
      to: null,
      quote: '',
      currentText: '',
      start: null,
      end: null,
      reanchored: false,
    },
    type: 'general',
    status: 'open',
    resolution: null,
    resolutionNote: null,
    proposedText: null,
    assigneeId: null,
    author: null,
    createdAt: '2025-01-01T00:00:00Z',
    updatedAt,
    resolvedAt: null,
    resolvedBy: null,
    section: [],
    comments,
    supporters: [],
  }
}

const comment = (id: string, body = 'hi'): ThreadComment => ({
  id,
  author: null,
  body,
  createdAt: '2025-01-01T00:00:00Z',
  editedAt: null,
  deleted: false,
})

function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0))

function memoryStorage() {
  const data = new Map<string, string>()
  return {
    data,
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    removeItem: (key: string) => void data.delete(key),
  }
}

const input: NewThread = { anchor: { document: true }, body: 'A comment', type: 'general' }

describe('the thread store', () => {
  it('loads every thread and keeps events that arrive while it loads', async () => {
    const list = deferred<Thread[]>()
    const api: ThreadsApi = {
      listAll: () => list.promise,
      create: async () => thread('x'),
      reply: async () => comment('c'),
    }
    const store = createThreadStore('doc', 'me', { api, online: () => true })
    const loading = store.load()
    expect(store.snapshot().status).toBe('loading')
    store.applyEvent({
      type: 'comment.created',
      thread: thread('a', '2025-01-02T00:00:00Z', [comment('new')]),
    })
    store.applyEvent({ type: 'thread.created', thread: thread('c') })
    list.resolve([thread('a'), thread('b')])
    await loading
    const snapshot = store.snapshot()
    expect(snapshot.status).toBe('ready')
    expect(snapshot.threads.map((t) => t.id).sort()).toEqual(['a', 'b', 'c'])
    expect(snapshot.byId.get('a')?.comments.map((c) => c.id)).toEqual(['new'])
  })

  it('replaces a thread by id, ignores older copies, and forgets deleted threads', async () => {
    const api: ThreadsApi = {
      listAll: async () => [thread('a')],
      create: async () => thread('x'),
      reply: async () => comment('c'),
    }
    const store = createThreadStore('doc', 'me', { api, online: () => true })
    await store.load()
    store.applyEvent({ type: 'thread.updated', thread: thread('a', '2025-01-03T00:00:00Z', [comment('1')]) })
    store.applyEvent({ type: 'thread.updated', thread: thread('a', '2025-01-02T00:00:00Z') })
    expect(store.snapshot().byId.get('a')?.comments).toHaveLength(1)
    store.applyEvent({ type: 'thread.deleted', thread: thread('a') })
    store.put(thread('a', '2025-01-04T00:00:00Z'))
    expect(store.snapshot().threads).toEqual([])
  })

  it('shows a new thread at once, then replaces it with the server’s', async () => {
    const created = deferred<Thread>()
    const api: ThreadsApi = {
      listAll: async () => [],
      create: () => created.promise,
      reply: async () => comment('c'),
    }
    const store = createThreadStore('doc', 'me', { api, online: () => true })
    await store.load()
    store.setConnected(true)
    const localId = store.openThread(input, '')
    expect(store.snapshot().pending).toMatchObject([{ localId, state: 'sending', kind: 'thread' }])
    created.resolve(thread('server'))
    await tick()
    expect(store.snapshot().pending).toEqual([])
    expect(store.snapshot().byId.has('server')).toBe(true)
  })

  it('keeps a failed comment with its error, to retry or discard', async () => {
    let fail = true
    const api: ThreadsApi = {
      listAll: async () => [thread('a')],
      create: async () => thread('x'),
      reply: async () => {
        if (fail) throw new ApiError(403, 'phase_closed', 'closed')
        return comment('r', 'my reply')
      },
    }
    const store = createThreadStore('doc', 'me', { api, online: () => true })
    await store.load()
    store.setConnected(true)
    const id = store.reply('a', 'my reply')
    await tick()
    expect(store.snapshot().pending).toMatchObject([{ localId: id, state: 'failed' }])
    expect((store.snapshot().pending[0]!.error as ApiError).code).toBe('phase_closed')
    fail = false
    store.retry(id)
    await tick()
    expect(store.snapshot().pending).toEqual([])
    expect(
      store
        .snapshot()
        .byId.get('a')
        ?.comments.map((c) => c.body),
    ).toEqual(['my reply'])

    fail = true
    const other = store.reply('a', 'again')
    await tick()
    store.discard(other)
    expect(store.snapshot().pending).toEqual([])
  })

  it('queues comments written offline, keeps them across reloads, and sends them on reconnection', async () => {
    let online = false
    const storage = memoryStorage()
    const sent: NewThread[] = []
    const api: ThreadsApi = {
      listAll: async () => [],
      create: async (_doc, body) => {
        sent.push(body)
        return thread(`t${sent.length}`)
      },
      reply: async () => comment('c'),
    }
    const first = createThreadStore('doc', 'me', { api, online: () => online, storage })
    await first.load()
    first.openThread(input, '')
    expect(first.snapshot().pending).toMatchObject([{ state: 'queued' }])
    expect(sent).toEqual([])
    first.destroy()

    // The tab was closed and opened again: the queued comment is still there.
    const second = createThreadStore('doc', 'me', { api, online: () => online, storage })
    await second.load()
    expect(second.snapshot().pending).toMatchObject([{ state: 'queued', input }])
    second.setConnected(true)
    expect(sent).toEqual([])
    online = true
    second.flush()
    await tick()
    await tick()
    expect(sent).toEqual([input])
    expect(second.snapshot().pending).toEqual([])
    expect(storage.data.size).toBe(0)
  })

  it('turns a network failure while the connection drops into a queued comment', async () => {
    let online = true
    const api: ThreadsApi = {
      listAll: async () => [],
      create: async () => {
        online = false
        throw new ApiError(0, 'network_error', 'offline')
      },
      reply: async () => comment('c'),
    }
    const store = createThreadStore('doc', 'me', { api, online: () => online })
    await store.load()
    store.setConnected(true)
    store.openThread(input, '')
    await tick()
    expect(store.snapshot().pending).toMatchObject([{ state: 'queued', error: null }])
  })

  it('catches up on reconnection by loading again', async () => {
    let calls = 0
    const api: ThreadsApi = {
      listAll: async () => (++calls === 1 ? [thread('a'), thread('b')] : [thread('b')]),
      create: async () => thread('x'),
      reply: async () => comment('c'),
    }
    const store = createThreadStore('doc', 'me', { api, online: () => true })
    await store.load()
    // Connected after the first load: events of the gap may be missed, so it loads again; and again after a drop.
    store.setConnected(true)
    await tick()
    expect(calls).toBe(2)
    store.setConnected(false)
    store.setConnected(true)
    await tick()
    expect(calls).toBe(3)
    expect(store.snapshot().threads.map((t) => t.id)).toEqual(['b'])
  })

  it('does not load again when the list was asked for on the connection that comes up (caught up)', async () => {
    let calls = 0
    const api: ThreadsApi = {
      listAll: async () => {
        calls++
        return [thread('a')]
      },
      create: async () => thread('x'),
      reply: async () => comment('c'),
    }
    const store = createThreadStore('doc', 'me', { api, online: () => true })
    await store.load()
    store.setConnected(true, true)
    await tick()
    expect(calls).toBe(1)
    store.setConnected(false)
    store.setConnected(true)
    await tick()
    expect(calls).toBe(2)
  })
})
