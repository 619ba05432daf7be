import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HttpAgent } from '../support/http-agent.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'

describe('health and readiness', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(() => server?.stop())

  it('answers /healthz and /readyz once migrations are applied', async () => {
    const agent = new HttpAgent(server.url)
    expect((await agent.get('/healthz')).body).toEqual({ status: 'ok' })
    const ready = await agent.get('/readyz')
    expect(ready.status).toBe(200)
    expect(ready.body.status).toBe('ready')
  })
})

describe('graceful shutdown', () => {
  it('lets a request in flight finish, then refuses new connections', async () => {
    const server = await startTestServer()
    // A slow client: the server waits for the body's end before answering.
    const inFlight = new Promise<number>((resolve, reject) => {
      const req = http.request(
        `${server.url}/api/session`,
        { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '2' } },
        (res) => {
          res.resume()
          res.on('end', () => resolve(res.statusCode ?? 0))
        },
      )
      req.on('error', reject)
      req.write('{')
      setTimeout(() => req.end('}'), 300)
    })
    await new Promise((r) => setTimeout(r, 100))
    const stopping = server.stop()
    const status = await inFlight
    await stopping
    // The request finished with an answer (403: it carried no CSRF token), not a dropped connection.
    expect(status).toBe(403)
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow()
  })
})
