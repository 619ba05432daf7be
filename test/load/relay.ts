/**
 * The bare y-websocket relay the load benchmark compares Marginalia with: an http server, a `ws` server on it,
 * and `setupWSConnection` from @y/websocket-server. No authentication, no persistence, nothing else.
 * Run: `node --import tsx test/load/relay.ts PORT`. Any plain GET answers 200 "ok" (the liveness check).
 * Through tsx only for the type-free import; source maps are switched back off so it costs what plain JS would.
 */
import http from 'node:http'
import { setupWSConnection } from '@y/websocket-server/utils'
import { WebSocketServer } from 'ws'

// tsx turns on source-mapped stack traces; a plain `node relay.js` would not pay for them on socket errors.
process.setSourceMapsEnabled(false)

const port = Number(process.argv[2])
if (!Number.isInteger(port) || port <= 0) {
  console.error('usage: node --import tsx test/load/relay.ts PORT')
  process.exit(2)
}

const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' })
  res.end('ok')
})
const wss = new WebSocketServer({ server })
wss.on('connection', (socket, req) => setupWSConnection(socket, req))
server.listen(port, '127.0.0.1', () => console.log(`relay listening on ${port}`))

const stop = () => {
  for (const client of wss.clients) client.terminate()
  server.close(() => process.exit(0))
  setTimeout(() => process.exit(0), 2000).unref()
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
