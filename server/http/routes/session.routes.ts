import type { Request } from 'express'
import type { ErrorBody } from '../../../shared/api/errors.ts'
import { SignInInput } from '../../../shared/api/session.ts'
import type { UserDto } from '../../../shared/api/users.ts'
import type { AppContext } from '../../context.ts'
import { UnauthenticatedError } from '../../errors.ts'
import { signInLimiter } from '../../services/sign-in-limiter.ts'
import { csrfTokenFor } from '../csrf.ts'
import { access, endpoint } from '../endpoint.ts'
import type { PassportInstance } from '../passport.ts'
import { sessionCookieName } from '../session.ts'
import { parseBody } from '../validate.ts'

function checkCredentials(passport: PassportInstance, req: Request): Promise<UserDto | false> {
  return new Promise((resolve, reject) => {
    passport.authenticate('local', { session: false }, (error: unknown, user: UserDto | false) =>
      error ? reject(error) : resolve(user),
    )(req, req.res, () => {})
  })
}

/** Signs `user` in on this request; passport regenerates the session id, so a fixed session is worthless. */
export function logIn(req: Request, user: UserDto): Promise<void> {
  return new Promise((resolve, reject) => req.logIn(user, (error) => (error ? reject(error) : resolve())))
}

function destroySession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.destroy((error) => (error ? reject(error) : resolve())))
}

/** `POST/GET/DELETE /api/session`: sign in (rate limited), who am I (with the CSRF token), sign out. */
export function sessionEndpoints(ctx: AppContext, passport: PassportInstance) {
  return [
    endpoint('get', '/session', access.public, async (req, res) => {
      const csrfToken = csrfTokenFor(req)
      if (req.user) return void res.json({ user: req.user, csrfToken })
      const body: ErrorBody & { csrfToken: string } = {
        error: { code: 'unauthenticated', message: 'Not signed in.' },
        csrfToken,
      }
      res.status(401).json(body)
    }),

    endpoint('post', '/session', access.public, async (req, res) => {
      const input = parseBody(SignInInput, req)
      const ip = req.ip ?? 'unknown'
      await signInLimiter.check(ctx.db.pool, input.email, ip)
      const user = await checkCredentials(passport, req)
      if (!user) {
        await signInLimiter.fail(ctx.db.pool, input.email, ip)
        throw new UnauthenticatedError('The email or password is not right.', 'invalid_credentials')
      }
      await signInLimiter.succeed(ctx.db.pool, input.email)
      await logIn(req, user)
      res.json({ user, csrfToken: csrfTokenFor(req) })
    }),

    endpoint('delete', '/session', access.public, async (req, res) => {
      await destroySession(req)
      res.clearCookie(sessionCookieName, { path: '/' })
      res.status(204).end()
    }),
  ]
}
