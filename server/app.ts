import express, { type Express } from 'express'
import type { AppContext } from './context.ts'
import { requireCsrf } from './http/csrf.ts'
import { mountEndpoints } from './http/endpoint.ts'
import { apiNotFound, errorHandler } from './http/error-handler.ts'
import { createPassport } from './http/passport.ts'
import { requestContext } from './http/request-context.ts'
import { healthRoutes } from './http/routes/health.routes.ts'
import { apiEndpoints } from './http/routes/index.ts'
import { securityHeaders } from './http/security-headers.ts'
import type { Sessions } from './http/session.ts'
import { staticClient } from './http/static.ts'
import { threadListRead } from './http/thread-list-read.ts'

/** The JSON body limit: room for a 2 MB Markdown draft in `POST /api/documents`; file uploads (imports) get their own. */
export const jsonBodyLimit = '3mb'

/**
 * The Express app, its middleware order on one screen: request id and log, security headers, the thread
 * list's read ahead of the pipeline (thread-list-read.ts), health, then `/api` (body, session, passport, CSRF,
 * routes, JSON 404), then the client, then the error handler.
 */
export function createApp(ctx: AppContext, sessions: Sessions): Express {
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', ctx.config.trustProxy)
  app.set('query parser', 'simple')

  app.use(requestContext(ctx.log))
  app.use(securityHeaders(ctx.config.publicUrl))
  app.use(threadListRead(ctx, sessions))
  app.use(healthRoutes(ctx))

  const passport = createPassport(ctx.db.pool)
  const api = express.Router()
  api.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store')
    next()
  })
  api.use(express.json({ limit: jsonBodyLimit, strict: true }))
  api.use(sessions.middleware)
  api.use(passport.initialize())
  api.use(passport.session())
  api.use(requireCsrf())
  mountEndpoints(api, ctx, apiEndpoints(ctx, passport))
  api.use(apiNotFound)
  app.use('/api', api)

  app.use(staticClient())
  app.use(errorHandler)
  return app
}
