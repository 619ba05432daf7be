/** One answer, with its body read both ways. */
export interface AgentResponse {
  status: number
  headers: Headers
  text: string
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON came back
  body: any
}

/**
 * A browser-like HTTP client for tests: keeps cookies, fetches and sends the CSRF token the way the web
 * client does, and never follows redirects.
 */
export class HttpAgent {
  readonly cookies = new Map<string, string>()
  csrfToken: string | undefined

  /**
   * `baseUrl` is where the server listens; `publicOrigin` is what a browser would send as `Origin` (the
   * server's PUBLIC_URL), which the collaboration socket checks.
   */
  constructor(
    readonly baseUrl: string,
    readonly publicOrigin: string = new URL(baseUrl).origin,
  ) {}

  /** Sends a request; `json` becomes the body. CSRF is added unless `csrf: false`. */
  async request(
    method: string,
    path: string,
    options: {
      json?: unknown
      body?: string
      form?: FormData
      headers?: Record<string, string>
      csrf?: boolean
    } = {},
  ): Promise<AgentResponse> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers }
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    if (options.csrf !== false && method !== 'GET' && this.csrfToken) headers['x-csrf-token'] = this.csrfToken
    let body: string | FormData | undefined = options.form ?? options.body
    if (options.json !== undefined) {
      body = JSON.stringify(options.json)
      headers['content-type'] ??= 'application/json'
    }
    const response = await fetch(new URL(path, this.baseUrl), { method, headers, body, redirect: 'manual' })
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';')
      const [name = '', ...value] = pair.split('=')
      if (/expires=Thu, 01 Jan 1970/i.test(cookie)) this.cookies.delete(name.trim())
      else this.cookies.set(name.trim(), value.join('='))
    }
    const text = await response.text()
    let parsed: unknown
    try {
      parsed = text ? JSON.parse(text) : undefined
    } catch {
      parsed = undefined
    }
    const token = (parsed as { csrfToken?: unknown } | undefined)?.csrfToken
    if (typeof token === 'string') this.csrfToken = token
    return { status: response.status, headers: response.headers, text, body: parsed }
  }

  get(path: string, headers?: Record<string, string>) {
    return this.request('GET', path, headers ? { headers } : {})
  }

  post(path: string, json?: unknown) {
    return this.request('POST', path, { json })
  }

  delete(path: string) {
    return this.request('DELETE', path)
  }

  /** Fetches a CSRF token and signs in; throws unless it worked. */
  async signIn(email: string, password: string): Promise<AgentResponse> {
    await this.get('/api/session')
    const response = await this.post('/api/session', { email, password })
    if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${response.text}`)
    return response
  }
}
