import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import express, { type RequestHandler, Router } from 'express'

/** Where Vite writes the built client. */
export const clientDistDir = fileURLToPath(new URL('../../dist/client/', import.meta.url))

/** Paths the single-page app must never answer for. */
const notPages = /^\/(api|collab|healthz|readyz|assets)(\/|$)/

/**
 * Serves the built client: hashed files under `/assets` cached for a year (immutable), everything else
 * revalidated, and `index.html` (never cached) for any other GET that asks for a page, so client-side
 * routes such as `/documents/:id` load. Without a build it says how to make one.
 */
export function staticClient(dir = clientDistDir): Router {
  const router = Router()
  const indexFile = path.join(dir, 'index.html')
  router.use(
    '/assets',
    express.static(path.join(dir, 'assets'), {
      immutable: true,
      maxAge: '365d',
      index: false,
      fallthrough: false,
    }),
  )
  router.use(
    express.static(dir, {
      index: false,
      maxAge: 0,
      setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache'),
    }),
  )
  const page: RequestHandler = (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || notPages.test(req.path)) return next()
    if (!existsSync(indexFile)) {
      res
        .status(503)
        .type('text/plain')
        .send('The web client is not built yet. Run `npm run build` (npm start does it for you).')
      return
    }
    res.setHeader('Cache-Control', 'no-cache')
    res.sendFile(indexFile)
  }
  router.use(page)
  return router
}
