import { Router } from 'express'
import type { AppContext } from '../../context.ts'

/**
 * `GET /healthz`: the process is up. `GET /readyz`: the database answers and migrations are applied (and
 * whether Redis, when configured, is connected).
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
    try {
      await ctx.db.pool.query('SELECT 1')
      // Redis away is reported, not refused: it is shared, so every process would answer 503 at once and
      // leave the load balancer with nothing. Each process keeps serving its own sockets and catches up after.
      res.json({
        status: 'ready',
        database: ctx.db.embedded ? 'embedded' : 'postgres',
        ...(ctx.config.redisUrl ? { bus: ctx.bus.healthy ? 'redis' : 'redis_unreachable' } : {}),
      })
    } catch (error) {
      req.log.warn({ err: error }, 'health.database_unreachable')
      res.status(503).json({ status: 'database_unreachable' })
    }
  })
  return router
}
