import type { Request } from 'express'
import passportModule from 'passport'
import { Strategy as LocalStrategy } from 'passport-local'
import type { Queryable } from '../db/queryable.ts'
import { authenticate, loadActiveUser, toUserDto } from '../services/users.service.ts'
import { accountReadWithSession } from './session-accounts.ts'

/** A passport instance of our own (not the global singleton), so each app (and each test server) has its own. */
export type PassportInstance = InstanceType<typeof passportModule.Authenticator>

/**
 * A passport instance with the local (email + password) strategy. The session keeps only the user id;
 * each request reads the account again (with its session, in one query), so a disabled account is signed out
 * at once.
 */
export function createPassport(db: Queryable): PassportInstance {
  const passport = new passportModule.Authenticator()
  passport.use(
    new LocalStrategy(
      { usernameField: 'email', passwordField: 'password', session: true },
      (email, password, done) => {
        authenticate(db, email, password).then(
          (user) => done(null, user ?? false),
          (error: unknown) => done(error),
        )
      },
    ),
  )
  passport.serializeUser<string>((user, done) => done(null, user.id))
  passport.deserializeUser<string, Request>((req, id, done) => {
    // Usually read in the same query as the session (session-accounts.ts); asked for here otherwise.
    const read = accountReadWithSession((req.session as { passport?: unknown } | undefined)?.passport)
    const loaded =
      read !== undefined && (read === null || read.id === id)
        ? Promise.resolve(read && !read.disabled_at ? toUserDto(read) : undefined)
        : loadActiveUser(db, id)
    loaded.then(
      (user) => done(null, user ?? false),
      (error: unknown) => done(error),
    )
  })
  return passport
}
