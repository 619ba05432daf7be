import type { AddressInfo } from 'node:net'
import { Writable } from 'node:stream'
import express from 'express'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requestContext } from './request-context.ts'

const lines: Record<string, unknown>[] = []
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line))
    done()
  },
})
const log = pino({ level: 'info', base: { service: 'test' } }, sink)
let url = ''
let close = () => {}

beforeAll(async () => {
  const app = express()
  app.use(requestContext(log))
  app.get('/quiet', (_req, res) => {
    res.send('ok')
  })
  app.get('/talks', (req, res) => {
    req.log.warn({ detail: 1 }, 'handler.said')
    res.status(502).send('no')
  })
  const server = app.listen(0)
  await new Promise((resolve) => server.once('listening', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  close = () => server.close()
})
afterAll(() => close())

const settle = () => new Promise((resolve) => setTimeout(resolve, 20))

describe('the request context', () => {
  it('logs one http.request line per request, with its id, method, path without the query, status and time', async () => {
    lines.length = 0
    const response = await fetch(`${url}/quiet?secret=1`, { headers: { 'x-request-id': 'given-id.1' } })
    expect(response.headers.get('x-request-id')).toBe('given-id.1')
    await settle()
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({
      level: 30,
      service: 'test',
      requestId: 'given-id.1',
      method: 'GET',
      path: '/quiet',
      status: 200,
      msg: 'http.request',
    })
    expect(lines[0]!.ms).toEqual(expect.any(Number))
  })

  it("replaces an insane id with a UUID, binds it to the handler's req.log, and logs a 5xx as an error", async () => {
    lines.length = 0
    const response = await fetch(`${url}/talks`, { headers: { 'x-request-id': 'bad id!' } })
    const id = response.headers.get('x-request-id')
    expect(id).toMatch(/^[0-9a-f-]{36}$/)
    await settle()
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatchObject({ level: 40, requestId: id, detail: 1, msg: 'handler.said' })
    expect(lines[1]).toMatchObject({
      level: 50,
      requestId: id,
      path: '/talks',
      status: 502,
      msg: 'http.request',
    })
  })
})
