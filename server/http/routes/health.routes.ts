import { Router } from 'express'
import type { AppContext } from '../../context.ts'

/**
 * `GET /healthz`: the process is up. `GET /readyz`: the database answers, migrations are applied, and Redis is
 * connected when configured.
 */
export function healthRoutes(ctx: AppContext): Router {
  const router = Router()
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' })
  })
  router.get('/readyz', async (req, res) => {
    res.set('Cache-Control', 'no-store')
    if (ctx.state.shuttingDown) return void res.status(503).json({ status: 'shutting_down' })
    if (!ctx.state.migrated) return void res.status(503).json({ status: 'migrating' })
    if (!ctx.bus.healthy) return void res.status(503).json({ status: 'redis_unreachable' })
    try {
      await ctx.db.pool.query('SELECT 1')
      res.json({
        status: 'ready',
        database: ctx.db.embedded ? 'embedded' : 'postgres',
        ...(ctx.config.redisUrl ? { bus: 'redis' } : {}),
      })
    } catch (error) {
      req.log.warn({ err: error }, 'health.database_unreachable')
      res.status(503).json({ status: 'database_unreachable' })
    }
  })
  return router
}
