import type { Request, RequestHandler } from 'express'
import type { UserDto } from '../../shared/api/users.ts'
import { UnauthenticatedError } from '../errors.ts'

/** Lets only signed-in callers through (401 `unauthenticated` otherwise). */
export const requireUser: RequestHandler = (req, _res, next) => {
  next(req.user ? undefined : new UnauthenticatedError())
}

/** The signed-in user of a request that passed `requireUser`. */
export function actorOf(req: Request): UserDto {
  if (!req.user) throw new UnauthenticatedError()
  return req.user
}
