import net from 'node:net'

/** A mail the sink received: envelope and raw message. */
export interface SunkMail {
  from: string
  to: string[]
  data: string
}

/** A minimal SMTP server on loopback that accepts every mail and keeps it: the outer edge, faked. */
export interface SmtpSink {
  url: string
  mails: SunkMail[]
  close(): Promise<void>
}

/** Starts the sink on a free port. It speaks just enough SMTP for nodemailer (no TLS, no auth). */
export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: SunkMail[] = []
  const server = net.createServer((socket) => {
    let buffer = ''
    let inData = false
    let current: SunkMail = { from: '', to: [], data: '' }
    const reply = (line: string) => socket.write(`${line}\r\n`)
    reply('220 sink.test ESMTP')
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8')
      for (let end = buffer.indexOf('\r\n'); end !== -1; end = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        if (inData) {
          if (line === '.') {
            inData = false
            mails.push(current)
            current = { from: '', to: [], data: '' }
            reply('250 queued')
          } else current.data += `${line.startsWith('..') ? line.slice(1) : line}\n`
          continue
        }
        const command = line.slice(0, 4).toUpperCase()
        if (command === 'EHLO' || command === 'HELO') reply('250 sink.test')
        else if (command === 'MAIL') {
          current.from = line.slice(10).replace(/[<>]/g, '').trim()
          reply('250 ok')
        } else if (command === 'RCPT') {
          current.to.push(line.slice(8).replace(/[<>]/g, '').trim())
          reply('250 ok')
        } else if (command === 'DATA') {
          inData = true
          reply('354 go ahead')
        } else if (command === 'QUIT') {
          reply('221 bye')
          socket.end()
        } else reply('250 ok')
      }
    })
    socket.on('error', () => {})
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
