import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket, { WebSocketServer } from 'ws'
import { binaryFrame, binaryFrames } from './frames.ts'

let server: http.Server | undefined

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined))
  server = undefined
})

/** A `ws` server whose first connection's raw socket is handed over, with a `ws` client connected to it. */
async function connect(): Promise<{ socket: Duplex; serverSide: WebSocket; client: WebSocket }> {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false })
  server = http.createServer()
  const accepted = new Promise<{ socket: Duplex; serverSide: WebSocket }>((resolve) => {
    server!.on('upgrade', (request, socket, head) =>
      wss.handleUpgrade(request, socket, head, (serverSide) => resolve({ socket, serverSide })),
    )
  })
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`)
  await new Promise((resolve) => client.once('open', resolve))
  return { ...(await accepted), client }
}

/** A payload whose bytes say where they are, so a shifted or cut frame shows. */
const payload = (length: number, seed: number) => Uint8Array.from({ length }, (_, i) => (i + seed) % 251)

describe('binaryFrame', () => {
  it("is read by ws's client as the same binary message, at every length encoding, beside ws's own sends", async () => {
    const { socket, serverSide, client } = await connect()
    const sizes = [0, 1, 125, 126, 65535, 65536, 70_000]
    const expected = [
      ...sizes.map((size, i) => payload(size, i)),
      payload(10, 100),
      payload(300, 101),
      payload(5, 102),
    ]
    const received: Buffer[] = []
    const all = new Promise<void>((resolve) => {
      client.on('message', (data: Buffer, isBinary: boolean) => {
        expect(isBinary).toBe(true)
        received.push(data)
        if (received.length === expected.length) resolve()
      })
    })
    for (const bytes of expected.slice(0, sizes.length)) socket.write(binaryFrame(bytes))
    socket.write(binaryFrames(expected[sizes.length], undefined, expected[sizes.length + 1]))
    serverSide.send(expected[sizes.length + 2]!)
    await all
    expect(received.map((data) => [...data])).toEqual(expected.map((bytes) => [...bytes]))
    client.terminate()
  })
})
