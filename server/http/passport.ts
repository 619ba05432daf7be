import passportModule from 'passport'
import { Strategy as LocalStrategy } from 'passport-local'
import type { Queryable } from '../db/queryable.ts'
import { authenticate, loadActiveUser } from '../services/users.service.ts'

/** A passport instance of our own (not the global singleton), so each app (and each test server) has its own. */
export type PassportInstance = InstanceType<typeof passportModule.Authenticator>

/**
 * A passport instance with the local (email + password) strategy. The session keeps only the user id;
 * each request loads the account again, so a disabled account is signed out at once.
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
  passport.deserializeUser<string>((id, done) => {
    loadActiveUser(db, id).then(
      (user) => done(null, user ?? false),
      (error: unknown) => done(error),
    )
  })
  return passport
}
