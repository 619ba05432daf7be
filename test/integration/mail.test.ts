import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { givenDocument, givenUser, testPassword } from '../support/given.ts'
import { HttpAgent } from '../support/http-agent.ts'
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'

let server: TestServer
let sink: SmtpSink

beforeAll(async () => {
  sink = await startSmtpSink()
  server = await startTestServer({ SMTP_URL: sink.url, MAIL_FROM: 'Marginalia <consult@test.example>' })
})
afterAll(async () => {
  await server?.stop()
  await sink?.close()
})

describe('mail over SMTP', () => {
  it('sends the invitation link to the invitee and marks the outbox row sent', async () => {
    const editor = await givenUser(server.ctx.db.pool, { name: 'Li Wei' })
    const documentId = await givenDocument(server.ctx.db.pool, 'Benchmarking guidelines', [[editor, 'owner']])
    const agent = new HttpAgent(server.url)
    await agent.signIn(editor.email, testPassword)
    const invite = await agent.post(`/api/documents/${documentId}/invites`, {
      role: 'commenter',
      email: 'amina@noun.example',
    })
    expect(invite.status).toBe(201)
    await expect.poll(() => sink.mails.length).toBe(1)
    const [mail] = sink.mails
    expect(mail!.from).toBe('consult@test.example')
    expect(mail!.to).toEqual(['amina@noun.example'])
    expect(mail!.data.replace(/=\r?\n/g, '')).toContain(invite.body.token)
    await expect
      .poll(
        async () =>
          (
            await server.ctx.db.pool.query(
              "SELECT sent_at FROM outbox WHERE recipient = 'amina@noun.example'",
            )
          ).rows[0]?.sent_at,
      )
      .toBeInstanceOf(Date)
  })
})
