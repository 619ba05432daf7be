import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocketServer } from 'ws'
import { RawWebSocket } from './raw-websocket.ts'

let server: http.Server | undefined

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined))
  server = undefined
})

/** A `ws` server that refuses upgrades without `Cookie: ok`, and runs `onConnection` for each socket. */
async function startServer(onConnection: (socket: import('ws').WebSocket) => void): Promise<string> {
  const wss = new WebSocketServer({ noServer: true })
  server = http.createServer()
  server.on('upgrade', (request, socket, head) => {
    if (request.headers.cookie !== 'ok') {
      socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n')
      return
    }
    wss.handleUpgrade(request, socket, head, onConnection)
  })
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}/doc?x=1`
}

function open(url: string, cookie = 'ok'): RawWebSocket {
  return new RawWebSocket(url, { headers: { Cookie: cookie }, handshakeTimeout: 5000 })
}

describe('RawWebSocket', () => {
  it('exchanges binary messages of every length encoding, in order, and answers pings', async () => {
    const sizes = [0, 5, 125, 126, 300, 65535, 70_000]
    const echoed: number[] = []
    let ponged = false
    const url = await startServer((socket) => {
      socket.on('pong', () => {
        ponged = true
      })
      socket.ping()
      // Echo each message back, reversed, so the client sees the server's own frames.
      socket.on('message', (data: Buffer) => socket.send(Buffer.from(data).reverse()))
    })
    const client = open(url)
    await new Promise((resolve) => client.once('open', resolve))
    const received = new Promise<void>((resolve) => {
      client.on('message', (data: Buffer) => {
        echoed.push(data.length)
        expect(data[0] ?? 0).toBe(data.length === 0 ? 0 : (data.length - 1) % 256)
        if (echoed.length === sizes.length) resolve()
      })
    })
    for (const size of sizes) client.send(Uint8Array.from({ length: size }, (_, i) => i % 256))
    await received
    expect(echoed).toEqual(sizes)
    expect(ponged).toBe(true)
    client.terminate()
  })

  it("keeps each socket's partial frames apart though all sockets read into one buffer", async () => {
    const size = 300_000
    const url = await startServer((socket) => {
      socket.on('message', (data: Buffer) => socket.send(Buffer.alloc(size, data[0]!)))
    })
    const clients = [open(url), open(url), open(url)]
    await Promise.all(clients.map((client) => new Promise((resolve) => client.once('open', resolve))))
    const payloads = await Promise.all(
      clients.map((client, i) => {
        const payload = new Promise<Buffer>((resolve) =>
          client.once('message', (data: Buffer) => resolve(Buffer.from(data))),
        )
        client.send(Uint8Array.of(i + 1))
        return payload
      }),
    )
    for (const [i, payload] of payloads.entries()) {
      expect(payload.length).toBe(size)
      expect(payload.every((byte) => byte === i + 1)).toBe(true)
    }
    for (const client of clients) client.terminate()
  })

  it("reports the server's close code", async () => {
    const url = await startServer((socket) => socket.close(4401, 'signed out'))
    const client = open(url)
    const code = await new Promise((resolve) => client.once('close', resolve))
    expect(code).toBe(4401)
  })

  it('reports a refused upgrade', async () => {
    const url = await startServer(() => {})
    const client = open(url, 'bad')
    const status = await new Promise((resolve) => client.once('rejected', resolve))
    expect(status).toBe(401)
    expect(client.readyState).not.toBe(RawWebSocket.OPEN)
  })
})
