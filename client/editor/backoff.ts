/** The first reconnection delay before jitter, in milliseconds. */
export const backoffBase = 250

/** No reconnection waits longer than this, in milliseconds. */
export const backoffCap = 10_000

/**
 * How long to wait before reconnection attempt `attempt` (0 for the first): `base × 2^attempt`, scaled by a
 * random factor in [0.5, 1.5) so a server restart is not met by every client at the same instant, and
 * never more than `cap`.
 */
export function backoffDelay(
  attempt: number,
  random: () => number = Math.random,
  base: number = backoffBase,
  cap: number = backoffCap,
): number {
  const exponent = Math.min(Math.max(Math.trunc(attempt), 0), 30)
  return Math.round(Math.min(cap, base * 2 ** exponent * (0.5 + random())))
}
