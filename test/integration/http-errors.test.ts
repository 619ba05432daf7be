import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HttpAgent } from '../support/http-agent.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'

let server: TestServer
let agent: HttpAgent

beforeAll(async () => {
  server = await startTestServer()
  agent = new HttpAgent(server.url)
  await agent.get('/api/session')
})
afterAll(() => server?.stop())

describe('the error format', () => {
  it('answers an unknown /api route with a JSON 404', async () => {
    const response = await agent.get('/api/no-such-thing')
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toMatch(/application\/json/)
    expect(response.body).toEqual({
      error: { code: 'not_found', message: expect.stringContaining('/api/no-such-thing') },
    })
  })

  it('answers malformed JSON with a 400 naming the body', async () => {
    const response = await agent.request('POST', '/api/session', {
      body: '{"email": "a@b.c", ',
      headers: { 'content-type': 'application/json' },
    })
    expect(response.status).toBe(400)
    expect(response.body.error.code).toBe('invalid_request')
    expect(response.body.error.details.fields).toHaveProperty('(body)')
    expect(response.text).not.toMatch(/at .*\.(ts|js):\d+/)
  })

  it('answers a body over the limit with 413', async () => {
    const response = await agent.request('POST', '/api/session', {
      body: JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(3_200_000) }),
      headers: { 'content-type': 'application/json' },
    })
    expect(response.status).toBe(413)
    expect(response.body.error.code).toBe('too_large')
  })

  it('answers a body that is not JSON with 415', async () => {
    const response = await agent.request('POST', '/api/session', {
      body: 'email=a@b.c&password=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(response.status).toBe(415)
    expect(response.body.error.code).toBe('unsupported_media_type')
  })

  it('answers 401 in the same format when sign-in is needed', async () => {
    const response = await new HttpAgent(server.url).get('/api/documents')
    expect(response.status).toBe(401)
    expect(response.body.error.code).toBe('unauthenticated')
  })

  it('carries a request id, echoing a sane one from the caller', async () => {
    const response = await agent.get('/api/no-such-thing', { 'x-request-id': 'trace-abc-123' })
    expect(response.headers.get('x-request-id')).toBe('trace-abc-123')
    const generated = await agent.get('/api/no-such-thing', { 'x-request-id': 'bad id with spaces' })
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  })
})

describe('security headers', () => {
  it('sends a strict Content-Security-Policy on pages and API answers', async () => {
    for (const path of ['/', '/api/session', '/healthz']) {
      const response = await agent.get(path)
      const csp = response.headers.get('content-security-policy') ?? ''
      expect(csp).toContain("default-src 'self'")
      expect(csp).toContain("script-src 'self'")
      expect(csp).toContain("object-src 'none'")
      expect(csp).toContain("frame-ancestors 'none'")
      expect(csp).not.toContain('unsafe-inline')
      expect(csp).not.toContain('unsafe-eval')
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    }
  })

  it('does not say which framework answers', async () => {
    const response = await agent.get('/healthz')
    expect(response.headers.get('x-powered-by')).toBeNull()
  })
})
