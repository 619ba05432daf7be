import type { ThreadStatus } from './api/threads.ts'

/** Which status may follow which: the one table resolve and reopen go through. */
export const threadTransitions: Record<ThreadStatus, readonly ThreadStatus[]> = {
  open: ['resolved'],
  resolved: ['open'],
}

/** True when a thread in `from` may move to `to`. */
export function threadTransitionAllowed(from: ThreadStatus, to: ThreadStatus): boolean {
  return threadTransitions[from].includes(to)
}
