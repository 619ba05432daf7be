import type { ErrorRequestHandler, RequestHandler } from 'express'
import type { ErrorBody } from '../../shared/api/errors.ts'
import {
  AppError,
  BadRequestError,
  NotFoundError,
  TooLargeError,
  UnsupportedMediaTypeError,
} from '../errors.ts'

/** The errors body-parser raises, by their `type`, mapped to ours. */
function fromBodyParser(error: { type?: unknown; status?: unknown }): AppError | undefined {
  switch (error.type) {
    case 'entity.parse.failed':
      return new BadRequestError('The body is not valid JSON.', { fields: { '(body)': 'malformed JSON' } })
    case 'entity.too.large':
      return new TooLargeError('The request body is larger than this endpoint accepts.')
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new UnsupportedMediaTypeError('Send the body as UTF-8 JSON.')
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return new BadRequestError('The request body could not be read.')
    default:
      return undefined
  }
}

/** 404 in the API's error format for any `/api` route that does not exist. */
export const apiNotFound: RequestHandler = (req, _res, next) => {
  next(new NotFoundError(`No such endpoint: ${req.method} ${req.baseUrl}${req.path}`))
}

/**
 * The one place errors become answers: `{"error": {code, message, details}}` with the fitting status.
 * Anything unexpected is logged with its stack and answered as a plain 500, never with the stack.
 */
export const errorHandler: ErrorRequestHandler = (error, req, res, next) => {
  if (res.headersSent) return next(error)
  const known = error instanceof AppError ? error : fromBodyParser(error as { type?: unknown })
  if (known) {
    if (known.status >= 500) req.log.error({ err: error }, 'http.error')
    for (const [name, value] of Object.entries(known.headers ?? {})) res.setHeader(name, value)
    const body: ErrorBody = { error: { code: known.code, message: known.message } }
    if (known.details) body.error.details = known.details
    res.status(known.status).json(body)
    return
  }
  req.log.error({ err: error }, 'http.unhandled_error')
  const body: ErrorBody = {
    error: {
      code: 'internal_error',
      message: `Something went wrong on our side. Quote request id ${req.id} if you report it.`,
    },
  }
  res.status(500).json(body)
}
