import type { Transporter } from 'nodemailer'
import type pg from 'pg'
import type { Config } from '../config.ts'
import { insertOutbox, markOutbox } from '../db/outbox.repo.ts'
import type { Log } from '../log.ts'

/** One plain-text mail. */
export interface Mail {
  to: string
  subject: string
  body: string
}

/** Sends mail: every mail is recorded in the `outbox` table first, then delivered by SMTP when configured. */
export interface Mailer {
  send(mail: Mail): Promise<void>
  close(): void
}

/**
 * With `SMTP_URL`, mail goes out through nodemailer (and the outbox row is marked sent or failed); without
 * it, mail stays in the `outbox` table and its subject and recipient go to the log. Sending happens after
 * the caller's transaction committed, so a failed delivery never undoes the change that asked for it.
 */
export function createMailer(config: Pick<Config, 'smtpUrl' | 'mailFrom'>, pool: pg.Pool, log: Log): Mailer {
  const { smtpUrl } = config
  // nodemailer (about 5 MB) is loaded with the first mail, not with the server.
  let transport: Promise<Transporter> | undefined
  let closed = false
  const openTransport = (url: string) =>
    import('nodemailer').then(({ default: nodemailer }) => {
      const opened = nodemailer.createTransport(url)
      if (closed) opened.close()
      return opened
    })
  return {
    async send(mail) {
      const id = await insertOutbox(pool, mail)
      if (!smtpUrl) {
        log.info({ outboxId: id, to: mail.to, subject: mail.subject }, 'mail.outbox')
        return
      }
      try {
        transport ??= openTransport(smtpUrl)
        await (await transport).sendMail({
          from: config.mailFrom,
          to: mail.to,
          subject: mail.subject,
          text: mail.body,
        })
        await markOutbox(pool, id, {})
        log.info({ outboxId: id, to: mail.to, subject: mail.subject }, 'mail.sent')
      } catch (error) {
        await markOutbox(pool, id, { error: (error as Error).message })
        log.warn({ err: error, outboxId: id }, 'mail.failed')
      }
    },
    close() {
      closed = true
      transport?.then((opened) => opened.close()).catch(() => {})
    },
  }
}
