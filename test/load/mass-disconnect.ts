/**
 * The end of the knee: every client drops its connection at once (TCP closed, no close frame), and the server
 * must live through it: still running, answering its health URL, and syncing a fresh client.
 */
import type { Reader, Writer } from './load-clients.ts'
import type { Target } from './load-targets.ts'
import { cpuSeconds, rssBytes } from './process-stats.ts'

export interface MassDisconnectResult {
  clients: number
  survived: boolean
  /** First health answer after the disconnect, in ms (undefined: none within 30 s). */
  healthMs: number | undefined
  /** A fresh client synced the document afterwards. */
  freshClientSynced: boolean
  /** Until the server's CPU fell below 10 % of a core over half a second (undefined: not within 60 s). */
  quietAfterMs: number | undefined
  rssAfterMb: number | undefined
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10

/** Every client leaves at once (TCP dropped, no close frame); then: does the server still answer? */
export async function massDisconnect(
  target: Target,
  clients: Array<Reader | Writer>,
  documentId: string,
): Promise<MassDisconnectResult> {
  const connected = clients.filter((c) => c.opened).length
  const started = performance.now()
  for (const client of clients) client.disconnect(true)
  let healthMs: number | undefined
  while (performance.now() - started < 30_000 && !target.exited()) {
    const answer = await target.alive(2000)
    if (answer.ok) {
      healthMs = performance.now() - started
      break
    }
    await sleep(100)
  }
  let quietAfterMs: number | undefined
  let last = cpuSeconds(target.pid)
  let lastAt = performance.now()
  while (performance.now() - started < 60_000 && last !== undefined) {
    await sleep(500)
    const now = cpuSeconds(target.pid)
    if (now === undefined) break
    const busy = (now - last) / ((performance.now() - lastAt) / 1000)
    last = now
    lastAt = performance.now()
    if (busy < 0.1) {
      quietAfterMs = performance.now() - started
      break
    }
  }
  let freshClientSynced = false
  if (!target.exited()) {
    const fresh = target.fullClient(documentId)
    freshClientSynced = await Promise.race([fresh.synced.then(() => true), sleep(30_000).then(() => false)])
    fresh.destroy()
  }
  const rss = rssBytes(target.pid)
  return {
    clients: connected,
    survived: !target.exited() && healthMs !== undefined && freshClientSynced,
    healthMs,
    freshClientSynced,
    quietAfterMs,
    rssAfterMb: rss === undefined ? undefined : mb(rss),
  }
}
