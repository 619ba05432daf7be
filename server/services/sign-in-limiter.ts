import type { Queryable } from '../db/queryable.ts'
import {
  clearSignInFailures,
  countSignInFailures,
  insertSignInFailures,
  pruneSignInFailures,
} from '../db/sign-in-failures.repo.ts'
import { RateLimitedError } from '../errors.ts'

/** Failed sign-ins allowed within the window, per account and per IP address. */
export const signInLimits = { windowMs: 15 * 60 * 1000, perAccount: 10, perAddress: 50 }

const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`
const addressKey = (ip: string) => `ip:${ip}`

/**
 * Sign-in throttling, kept in Postgres so every server process sees the same counts. Failures are counted
 * per email (whether or not an account has it, so the limit reveals nothing) and per IP address.
 */
export const signInLimiter = {
  /** 429 with Retry-After when the account or the address is over its limit. */
  async check(db: Queryable, email: string, ip: string, now = Date.now()): Promise<void> {
    const since = new Date(now - signInLimits.windowMs)
    const counts = await countSignInFailures(db, [accountKey(email), addressKey(ip)], since)
    for (const { key, count, oldest } of counts) {
      const limit = key.startsWith('ip:') ? signInLimits.perAddress : signInLimits.perAccount
      if (count >= limit) {
        const retryAfter = Math.max(1, Math.ceil((oldest.getTime() + signInLimits.windowMs - now) / 1000))
        throw new RateLimitedError(
          retryAfter,
          `Too many failed sign-ins. Try again in ${Math.ceil(retryAfter / 60)} minutes.`,
        )
      }
    }
  },

  /** Records a failure for both keys, and now and then prunes old rows. */
  async fail(db: Queryable, email: string, ip: string): Promise<void> {
    await insertSignInFailures(db, [accountKey(email), addressKey(ip)])
    if (Math.random() < 0.02) await pruneSignInFailures(db, new Date(Date.now() - signInLimits.windowMs))
  },

  /** A successful sign-in clears the account's failures (not the address's). */
  async succeed(db: Queryable, email: string): Promise<void> {
    await clearSignInFailures(db, accountKey(email))
  },
}
