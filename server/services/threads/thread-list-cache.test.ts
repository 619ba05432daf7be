import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { gzipFromBytes, jsonAnswer, ThreadListCache, withGzip } from './thread-list-cache.ts'

describe('the thread-list cache', () => {
  it('serializes once, with an entity tag that follows the body', () => {
    const a = jsonAnswer({ items: [1], nextCursor: null })
    expect(JSON.parse(a.body.toString())).toEqual({ items: [1], nextCursor: null })
    expect(a.etag).toMatch(/^W\/"[0-9a-f]+-[\w+/]{27}"$/)
    expect(jsonAnswer({ items: [1], nextCursor: null }).etag).toBe(a.etag)
    expect(jsonAnswer({ items: [2], nextCursor: null }).etag).not.toBe(a.etag)
  })

  it('lets requests that miss together share one build, and keeps its answer', async () => {
    const cache = new ThreadListCache()
    let builds = 0
    let finish: (answer: ReturnType<typeof jsonAnswer>) => void = () => {}
    const build = () => {
      builds++
      return new Promise<ReturnType<typeof jsonAnswer>>((resolve) => {
        finish = resolve
      })
    }
    const waiting = Array.from({ length: 5 }, () => cache.getOrBuild('k', build))
    finish(jsonAnswer('x'))
    const answers = await Promise.all(waiting)
    expect(builds).toBe(1)
    expect(new Set(answers).size).toBe(1)
    expect(await cache.getOrBuild('k', build)).toBe(answers[0])
    expect(builds).toBe(1)
  })

  it('does not keep a failed build', async () => {
    const cache = new ThreadListCache()
    await expect(cache.getOrBuild('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down')
    expect(await cache.getOrBuild('k', async () => jsonAnswer('again'))).toMatchObject({
      etag: expect.any(String),
    })
  })

  it('drops the least recently used answers past its size, and never keeps an oversized one', () => {
    const cache = new ThreadListCache(25, 20)
    cache.set('a', jsonAnswer('a'.repeat(8)))
    cache.set('b', jsonAnswer('b'.repeat(8)))
    cache.get('a')
    cache.set('c', jsonAnswer('c'.repeat(8)))
    expect(cache.get('b')).toBeUndefined()
    expect(cache.get('a')).toBeDefined()
    expect(cache.get('c')).toBeDefined()
    cache.set('big', jsonAnswer('x'.repeat(40)))
    expect(cache.get('big')).toBeUndefined()
    expect(cache.size.bytes).toBeLessThanOrEqual(25)
  })

  it('gzips large answers once, under the same entity tag, and counts both bodies', async () => {
    const small = jsonAnswer({ items: ['x'] })
    expect(await withGzip(small)).toBe(small)
    const big = await withGzip(jsonAnswer({ items: Array.from({ length: 200 }, (_, i) => `thread ${i}`) }))
    expect(big.body.byteLength).toBeGreaterThanOrEqual(gzipFromBytes)
    expect(gunzipSync(big.gzip!).equals(big.body)).toBe(true)
    expect(big.etag).toBe(jsonAnswer({ items: Array.from({ length: 200 }, (_, i) => `thread ${i}`) }).etag)
    const cache = new ThreadListCache()
    cache.set('big', big)
    expect(cache.size.bytes).toBe(big.body.byteLength + big.gzip!.byteLength)
    cache.delete('big')
    expect(cache.size.bytes).toBe(0)
  })
})
