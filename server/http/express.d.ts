import type { UserDto } from '../../shared/api/users.ts'
import type { Log } from '../log.ts'

declare global {
  namespace Express {
    /** The signed-in user, as passport puts it on `req.user`. */
    interface User extends UserDto {}
    interface Request {
      /** This request's id: the caller's `X-Request-Id` when sane, otherwise a new UUID. */
      id: string
      /** The process logger with `requestId` bound. */
      log: Log
    }
  }
}

declare module 'express-session' {
  interface SessionData {
    csrfToken: string
  }
}
