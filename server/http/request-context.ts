import { randomUUID } from 'node:crypto'
import type { RequestHandler } from 'express'
import type { Log } from '../log.ts'

const saneRequestId = /^[\w.:-]{1,100}$/

/**
 * Gives each request an id (the caller's `X-Request-Id` when it is sane), echoes it in the answer,
 * binds it to `req.log`, and logs one `http.request` line when the answer is finished.
 */
export function requestContext(log: Log): RequestHandler {
  return (req, res, next) => {
    const given = req.get('x-request-id')
    req.id = given && saneRequestId.test(given) ? given : randomUUID()
    req.log = log.child({ requestId: req.id })
    res.setHeader('X-Request-Id', req.id)
    const started = process.hrtime.bigint()
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      const level = res.statusCode >= 500 ? 'error' : 'info'
      req.log[level](
        {
          method: req.method,
          path: req.originalUrl.split('?')[0],
          status: res.statusCode,
          ms: Math.round(ms * 10) / 10,
        },
        'http.request',
      )
    })
    next()
  }
}
