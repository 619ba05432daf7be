/**
 * A minimal WebSocket client (RFC 6455) for the load generator: the opening handshake, unmasked frames from
 * the server read straight out of each socket read, masked binary frames to it, pong, close. No extensions, no
 * text. At a few thousand sockets the `ws` client's per-message work (a stream state machine, buffers copied and
 * events per frame) made the harness, not the server, the bottleneck of the knee scenario; this one hands each
 * message to its reader as a view into the bytes read.
 */
import { randomBytes } from 'node:crypto'
import { EventEmitter } from 'node:events'
import net from 'node:net'

const opcodes = { continuation: 0, text: 1, binary: 2, close: 8, ping: 9, pong: 10 } as const

/** Close code when the connection ended without a close frame (as `ws` reports it). */
const abnormalClosure = 1006

/** Where every socket's reads land (parsed at once; a partial frame is copied out). */
const readBuffer = Buffer.allocUnsafe(256 * 1024)

/**
 * Events: `open`; `message` (a Buffer, valid only during the call: a view into the read buffer every socket
 * shares); `rejected` (the server answered the upgrade with another status); `error`; `close` (the code of the
 * server's close frame, or 1006).
 */
export class RawWebSocket extends EventEmitter {
  static readonly CONNECTING = 0
  static readonly OPEN = 1
  static readonly CLOSING = 2
  static readonly CLOSED = 3
  readonly OPEN = RawWebSocket.OPEN
  readyState: number = RawWebSocket.CONNECTING

  #socket: net.Socket
  /** Bytes read and not yet parsed (the handshake's response, or a frame cut by the end of a read). */
  #pending: Buffer | undefined
  #fragments: Buffer[] = []
  #closeCode = abnormalClosure
  #handshakeTimer: NodeJS.Timeout

  constructor(url: string, options: { headers: Record<string, string>; handshakeTimeout: number }) {
    super()
    const target = new URL(url)
    const socket = net.connect({
      host: target.hostname,
      port: Number(target.port),
      noDelay: true,
      // Reads land in one buffer shared by every socket, handed over without a stream's queue and events:
      // a few thousand sockets each reading every broadcast made Node's readable-stream path about a sixth
      // of the load generator's core.
      onread: {
        buffer: readBuffer,
        callback: (length) => {
          this.#read(readBuffer.subarray(0, length))
          return true
        },
      },
    })
    this.#socket = socket
    this.#handshakeTimer = setTimeout(
      () => this.#fail(new Error('handshake timed out')),
      options.handshakeTimeout,
    )
    socket.once('connect', () => {
      const headers = {
        Host: target.host,
        Upgrade: 'websocket',
        Connection: 'Upgrade',
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
        'Sec-WebSocket-Version': '13',
        ...options.headers,
      }
      const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`)
      socket.write(`GET ${target.pathname}${target.search} HTTP/1.1\r\n${lines.join('')}\r\n`)
    })
    socket.on('error', (error) => this.#fail(error))
    socket.on('close', () => {
      clearTimeout(this.#handshakeTimer)
      const wasOpen = this.readyState !== RawWebSocket.CONNECTING
      this.readyState = RawWebSocket.CLOSED
      if (wasOpen) this.emit('close', this.#closeCode)
      else this.#fail(new Error('closed before the handshake finished'))
    })
  }

  /** Sends one binary message. */
  send(data: Uint8Array): void {
    if (this.readyState === RawWebSocket.OPEN) this.#writeFrame(0x80 | opcodes.binary, data)
  }

  /** Starts the closing handshake with `code`; the server answers and closes the TCP connection. */
  close(code: number): void {
    if (this.readyState !== RawWebSocket.OPEN) {
      this.terminate()
      return
    }
    const payload = Buffer.alloc(2)
    payload.writeUInt16BE(code)
    this.#writeFrame(0x80 | opcodes.close, payload)
    this.readyState = RawWebSocket.CLOSING
    setTimeout(() => this.#socket.destroy(), 5000).unref()
  }

  /** Drops the TCP connection without a close frame. */
  terminate(): void {
    this.#socket.destroy()
  }

  /** Reports a socket that never opened, once (refused, timed out, or the network failed). */
  #fail(error: Error): void {
    if (this.#failed || this.readyState !== RawWebSocket.CONNECTING) return
    this.#failed = true
    this.emit('error', error)
    this.#socket.destroy()
  }

  #failed = false

  /** Parses what one read brought (`chunk` is the shared read buffer: nothing may keep it). */
  #read(chunk: Buffer): void {
    let bytes = this.#pending ? Buffer.concat([this.#pending, chunk]) : chunk
    this.#pending = undefined
    if (this.readyState === RawWebSocket.CONNECTING) {
      const end = bytes.indexOf('\r\n\r\n')
      if (end < 0) {
        this.#pending = Buffer.from(bytes)
        return
      }
      clearTimeout(this.#handshakeTimer)
      const status = /^HTTP\/1\.1 (\d{3})/.exec(bytes.subarray(0, end).toString('latin1'))?.[1]
      if (status !== '101') {
        this.#failed = true
        this.emit('rejected', Number(status))
        this.#socket.destroy()
        return
      }
      this.readyState = RawWebSocket.OPEN
      this.emit('open')
      bytes = bytes.subarray(end + 4)
    }
    let offset = 0
    while (bytes.length - offset >= 2) {
      const first = bytes[offset]!
      let length = bytes[offset + 1]! & 0x7f
      let header = 2
      if (length === 126) {
        if (bytes.length - offset < 4) break
        length = bytes.readUInt16BE(offset + 2)
        header = 4
      } else if (length === 127) {
        if (bytes.length - offset < 10) break
        length = Number(bytes.readBigUInt64BE(offset + 2))
        header = 10
      }
      if (bytes.length - offset < header + length) break
      const payload = bytes.subarray(offset + header, offset + header + length)
      offset += header + length
      this.#frame(first >> 7 === 1, first & 0x0f, payload)
      if (this.readyState === RawWebSocket.CLOSED) return
    }
    if (offset < bytes.length) this.#pending = Buffer.from(bytes.subarray(offset))
  }

  #frame(final: boolean, opcode: number, payload: Buffer): void {
    if (opcode === opcodes.ping) {
      this.#writeFrame(0x80 | opcodes.pong, payload)
      return
    }
    if (opcode === opcodes.pong) return
    if (opcode === opcodes.close) {
      this.#closeCode = payload.length >= 2 ? payload.readUInt16BE(0) : 1005
      if (this.readyState === RawWebSocket.OPEN)
        this.#writeFrame(0x80 | opcodes.close, payload.subarray(0, 2))
      this.readyState = RawWebSocket.CLOSING
      this.#socket.end()
      return
    }
    if (!final || opcode === opcodes.continuation) {
      this.#fragments.push(Buffer.from(payload))
      if (!final) return
      payload = Buffer.concat(this.#fragments)
      this.#fragments = []
    }
    this.emit('message', payload)
  }

  /** Writes one frame, masked as a client must. */
  #writeFrame(first: number, payload: Uint8Array): void {
    const length = payload.length
    const header = length < 126 ? 2 : length < 65536 ? 4 : 10
    const frame = Buffer.allocUnsafe(header + 4 + length)
    frame[0] = first
    if (header === 2) frame[1] = 0x80 | length
    else if (header === 4) {
      frame[1] = 0x80 | 126
      frame.writeUInt16BE(length, 2)
    } else {
      frame[1] = 0x80 | 127
      frame.writeBigUInt64BE(BigInt(length), 2)
    }
    const mask = (Math.random() * 0x100000000) >>> 0
    frame.writeUInt32BE(mask, header)
    const key = frame.subarray(header, header + 4)
    for (let i = 0; i < length; i++) frame[header + 4 + i] = payload[i]! ^ key[i & 3]!
    this.#socket.write(frame)
  }
}
