import { type Request, Router } from 'express'
import type { ErrorBody } from '../../../shared/api/errors.ts'
import { SignInInput } from '../../../shared/api/session.ts'
import type { UserDto } from '../../../shared/api/users.ts'
import { UnauthenticatedError } from '../../errors.ts'
import { csrfTokenFor } from '../csrf.ts'
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

function logIn(req: Request, user: UserDto): Promise<void> {
  // passport regenerates the session id here, so a session fixed before sign-in is worthless after it.
  return new Promise((resolve, reject) => req.logIn(user, (error) => (error ? reject(error) : resolve())))
}

function destroySession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.destroy((error) => (error ? reject(error) : resolve())))
}

/** `POST/GET/DELETE /api/session`: sign in, who am I (with the CSRF token), sign out. */
export function sessionRoutes(passport: PassportInstance): Router {
  const router = Router()

  router.get('/session', (req, res) => {
    const csrfToken = csrfTokenFor(req)
    if (req.user) return void res.json({ user: req.user, csrfToken })
    const body: ErrorBody & { csrfToken: string } = {
      error: { code: 'unauthenticated', message: 'Not signed in.' },
      csrfToken,
    }
    res.status(401).json(body)
  })

  router.post('/session', async (req, res) => {
    parseBody(SignInInput, req)
    const user = await checkCredentials(passport, req)
    if (!user) throw new UnauthenticatedError('The email or password is not right.', 'invalid_credentials')
    await logIn(req, user)
    res.json({ user, csrfToken: csrfTokenFor(req) })
  })

  router.delete('/session', async (req, res) => {
    await destroySession(req)
    res.clearCookie(sessionCookieName, { path: '/' })
    res.status(204).end()
  })

  return router
}
