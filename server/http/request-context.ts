import { randomUUID } from 'node:crypto'
import type { Request, RequestHandler } from 'express'
import type { Log } from '../log.ts'

const saneRequestId = /^[\w.:-]{1,100}$/

const childLogs = new WeakMap<Request, Log>()

/**
 * Gives each request an id (the caller's `X-Request-Id` when it is sane), echoes it in the answer,
 * binds it to `req.log`, and logs one `http.request` line when the answer is finished.
 *
 * `req.log` (a pino child) is made on first use: most requests never log anything but their `http.request`
 * line, which carries the same `requestId` field written straight from the process logger, so a child per
 * request would be made for nothing.
 */
export function requestContext(log: Log): RequestHandler {
  return (req, res, next) => {
    const given = req.get('x-request-id')
    const id = given && saneRequestId.test(given) ? given : randomUUID()
    req.id = id
    Object.defineProperty(req, 'log', {
      configurable: true,
      enumerable: true,
      get(this: Request) {
        let child = childLogs.get(this)
        if (!child) {
          child = log.child({ requestId: id })
          childLogs.set(this, child)
        }
        return child
      },
      set(this: Request, value: Log) {
        childLogs.set(this, value)
      },
    })
    res.setHeader('X-Request-Id', id)
    const started = process.hrtime.bigint()
    res.on('finish', () => {
      const level = res.statusCode >= 500 ? 'error' : 'info'
      if (!log.isLevelEnabled(level)) return
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      const url = req.originalUrl
      const query = url.indexOf('?')
      log[level](
        {
          requestId: id,
          method: req.method,
          path: query === -1 ? url : url.slice(0, query),
          status: res.statusCode,
          ms: Math.round(ms * 10) / 10,
        },
        'http.request',
      )
    })
    next()
  }
}
