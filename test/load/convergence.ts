/**
 * The convergence check after a load run: with edits stopped and the sockets quiet, three stock y-websocket
 * clients join each document; their text must equal every writer's Y.Doc and, on Marginalia, what Postgres
 * stores. Every edit a writer sent must be in that text. A run that does not converge is FAILED.
 */
import type { Ledger } from './ledger.ts'
import type { Writer } from './load-clients.ts'
import { documentText, type FullClient, type Target } from './load-targets.ts'
import { markersIn } from './wire.ts'

export interface ConvergenceResult {
  converged: boolean
  documents: number
  /** Edits sent but missing from the converged text (0 when converged). */
  lostEdits: number
  /** What differed, for the first few documents that did not converge. */
  problems: string[]
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Waits (at most `timeoutMs`) until no client has received a document update for `quietMs`. */
export async function waitForQuiet(ledger: Ledger, quietMs = 1000, timeoutMs = 30_000): Promise<boolean> {
  const started = performance.now()
  while (performance.now() - started < timeoutMs) {
    if (performance.now() - ledger.lastUpdateAt >= quietMs) return true
    await sleep(100)
  }
  return false
}

/** Waits (at most `timeoutMs`) until every writer's last edit is reported saved (Marginalia). */
export async function waitForSaved(writers: Writer[], timeoutMs = 30_000): Promise<boolean> {
  const started = performance.now()
  while (performance.now() - started < timeoutMs) {
    if (writers.every((w) => !w.opened || w.savedClock >= w.clock)) return true
    await sleep(50)
  }
  return false
}

async function checkDocument(
  target: Target,
  documentId: string,
  writers: Writer[],
  ledger: Ledger,
): Promise<{ ok: boolean; lost: number; problem?: string }> {
  const witnesses: FullClient[] = [0, 1, 2].map(() => target.fullClient(documentId))
  try {
    const synced = await Promise.race([
      Promise.all(witnesses.map((w) => w.synced)).then(() => true),
      sleep(30_000).then(() => false),
    ])
    if (!synced) return { ok: false, lost: 0, problem: `${documentId}: the witnesses did not sync in 30 s` }
    const reference = documentText(witnesses[0]!.doc)
    const texts = new Map<string, string>()
    for (const [i, w] of witnesses.entries()) texts.set(`witness ${i + 1}`, documentText(w.doc))
    for (const writer of writers) if (writer.opened) texts.set(writer.name, documentText(writer.doc))
    const stored = target.storedText(documentId)
    if (stored) texts.set('Postgres', await stored)
    const differing = [...texts].filter(([, text]) => text !== reference).map(([who]) => who)
    const present = markersIn(reference)
    const lost = ledger.allEdits(writers.map((w) => w.index)).filter((edit) => !present.has(edit)).length
    if (differing.length === 0 && lost === 0) return { ok: true, lost: 0 }
    return {
      ok: false,
      lost,
      problem: `${documentId}: ${differing.length > 0 ? `${differing.join(', ')} differ from witness 1` : 'all agree'}; ${lost} sent edits missing`,
    }
  } finally {
    for (const w of witnesses) w.destroy()
  }
}

/** Checks every document, ten at a time. */
export async function checkConvergence(
  target: Target,
  documents: string[],
  writers: Writer[],
  ledger: Ledger,
): Promise<ConvergenceResult> {
  const result: ConvergenceResult = {
    converged: true,
    documents: documents.length,
    lostEdits: 0,
    problems: [],
  }
  // Each stock provider listens for the process's exit: thirty at once are expected, not a leak.
  process.setMaxListeners(Math.max(process.getMaxListeners(), 64))
  for (let i = 0; i < documents.length; i += 10) {
    const batch = documents.slice(i, i + 10)
    const checks = await Promise.all(
      batch.map((id) =>
        checkDocument(
          target,
          id,
          writers.filter((w) => w.documentId === id),
          ledger,
        ),
      ),
    )
    for (const check of checks) {
      if (check.ok) continue
      result.converged = false
      result.lostEdits += check.lost
      if (result.problems.length < 5 && check.problem) result.problems.push(check.problem)
    }
  }
  return result
}
