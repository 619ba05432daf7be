/** Turns the collaboration load figures into Markdown: one table per scenario, Marginalia beside the relay. */
import type { ScenarioResult, TargetResult, WindowResult } from './collab-load.ts'

/** Milliseconds, or "lost" when a receipt never came (JSON turns Infinity into null). */
export function ms(value: number | null | undefined): string {
  if (value === undefined) return '—'
  if (value === null || !Number.isFinite(value)) return 'lost'
  return value < 10 ? value.toFixed(1) : String(Math.round(value))
}

function ratio(marginalia: number | null | undefined, relay: number | null | undefined): string {
  if (marginalia == null || relay == null || !Number.isFinite(marginalia) || !Number.isFinite(relay))
    return '—'
  const value = marginalia / relay
  return `${value < 0.1 ? value.toPrecision(2) : value.toFixed(2)}×`
}

function verdict(result: TargetResult): string {
  if (result.failedReason) return `FAILED (${result.failedReason})`
  if (!result.convergence.converged)
    return `FAILED: did not converge (${result.convergence.lostEdits} edits lost)`
  return 'converged'
}

function row(result: TargetResult, w: WindowResult, status = verdict(result)): string {
  const atServer = w.savedAtServer ? `${ms(w.savedAtServer.p50)} / ${ms(w.savedAtServer.p99)}` : '—'
  const saved = w.saved ? `${atServer} (${ms(w.saved.p50)} / ${ms(w.saved.p99)})` : '—'
  const postgres =
    w.postgresCpuPercent === undefined ? '' : ` (+${Math.round(w.postgresCpuPercent)} % Postgres)`
  return (
    `| ${result.target} | ${w.clients} | ${ms(w.fanOut?.p50)} | ${ms(w.fanOut?.p95)} | ${ms(w.fanOut?.p99)} | ${ms(w.fanOut?.max)} ` +
    `| ${Math.round(w.deliveredPerSecond)} (${w.expectedReceipts > 0 ? ((100 * w.receipts) / w.expectedReceipts).toFixed(1) : '—'} %) ` +
    `| ${w.failed} / ${w.closed} | ${Math.round(w.serverCpuPercent)} %${postgres} | ${Math.round(w.serverPeakRssMb)} MB | ${saved} ` +
    `| ${Math.round(w.harnessCpuPercent)} % | ${Math.round(w.othersCpuPercent ?? 0)} % | ${status} |`
  )
}

const header = [
  "| target | clients | fan-out p50 ms | p95 | p99 | max | updates/s delivered (of expected) | failed / closed | server CPU (one core) | server RSS peak | saved p50 / p99 ms: arrival → commit at the server (send → saved at the writer) | harness CPU | other processes' CPU | result |",
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
]

function steadyTable(scenario: ScenarioResult): string[] {
  const lines = [...header]
  for (const result of scenario.results) {
    const w = result.windows[0]
    if (w) lines.push(row(result, w))
    else lines.push(`| ${result.target} | — | | | | | | | | | | | | ${verdict(result)} |`)
  }
  const m = scenario.results.find((r) => r.target === 'Marginalia')?.windows[0]
  const r = scenario.results.find((r) => r.target === 'relay')?.windows[0]
  if (m && r) lines.push('', `p99 ratio Marginalia / relay: ${ratio(m.fanOut?.p99, r.fanOut?.p99)}.`)
  const repeated = scenario.results.filter((r) => r.p99Runs && r.p99Runs.length > 1)
  if (repeated.length > 0) {
    const each = repeated.map((r) => `${r.target} ${r.p99Runs!.map(ms).join(', ')}`).join('; ')
    lines.push(
      '',
      `Each target ran ${repeated[0]!.p99Runs!.length} times, taking turns; the rows are each target's run with the median p99 (p99 of each run, in ms: ${each}).`,
    )
  }
  return lines
}

function kneeTable(scenario: ScenarioResult): string[] {
  const lines = [...header]
  for (const result of scenario.results) {
    result.windows.forEach((w, i) => {
      const last = i === result.windows.length - 1
      const status = last
        ? `${result.stoppedBecause ? 'steps stopped here; ' : ''}${verdict(result)}`
        : 'next step'
      lines.push(row(result, w, status))
    })
    if (result.windows.length === 0)
      lines.push(`| ${result.target} | — | | | | | | | | | | | | ${verdict(result)} |`)
  }
  const m = scenario.results.find((r) => r.target === 'Marginalia')
  const r = scenario.results.find((r) => r.target === 'relay')
  if (m && r) {
    lines.push('', '| readers | Marginalia p99 ms | relay p99 ms | ratio |', '| --- | --- | --- | --- |')
    const steps = Math.max(m.windows.length, r.windows.length)
    for (let i = 0; i < steps; i++) {
      const mw = m.windows[i]
      const rw = r.windows[i]
      lines.push(
        `| ${mw?.readers ?? rw?.readers} | ${mw ? ms(mw.fanOut?.p99) : 'stopped'} | ${rw ? ms(rw.fanOut?.p99) : 'stopped'} | ${ratio(mw?.fanOut?.p99, rw?.fanOut?.p99)} |`,
      )
    }
  }
  lines.push('')
  for (const result of scenario.results) {
    const d = result.massDisconnect
    const steps = result.stoppedBecause ? `steps stopped: ${result.stoppedBecause}` : 'all steps ran'
    const disconnect = d
      ? `mass disconnect of ${d.clients} clients: ${d.survived ? 'survived' : 'DID NOT SURVIVE'} (health answered ${ms(d.healthMs)} ms after, CPU quiet after ${ms(d.quietAfterMs)} ms, a fresh client ${d.freshClientSynced ? 'synced' : 'did not sync'}, RSS after ${d.rssAfterMb ?? '—'} MB)`
      : 'mass disconnect not reached'
    lines.push(`- ${result.target}: ${steps}; ${disconnect}.`)
  }
  return lines
}

/** One Markdown block per scenario. */
export function formatCollabTables(results: ScenarioResult[]): string[] {
  const lines: string[] = []
  for (const scenario of results) {
    const s = scenario.scenario
    const readers = s.readersPerDocument.join(' → ')
    lines.push(
      `**(${s.key}) ${s.title}**: ${s.documents} document${s.documents === 1 ? '' : 's'} × (${s.writersPerDocument} writers + ${readers} readers), ${s.editsPerSecond} edits/s per writer, ${s.seconds} s measured${s.readersPerDocument.length > 1 ? ' per step' : ''} after ${s.warmupSeconds} s warm-up.`,
      '',
      ...(s.key === 'd' ? kneeTable(scenario) : steadyTable(scenario)),
      '',
    )
  }
  return lines
}

/** A window's figures are bounded by the load generator when its core was full or its event loop lagged. */
export function harnessBound(w: WindowResult): boolean {
  return w.harnessCpuPercent >= 90 || w.harnessLagP99Ms >= 50
}

/** Other processes kept the machine busy through every attempt at this window. */
export function noisy(w: WindowResult): boolean {
  return (w.othersCpuPercent ?? 0) > 25
}

function caveats(w: WindowResult | undefined): string {
  if (!w) return ''
  const notes = []
  if (harnessBound(w))
    notes.push(
      `the load generator was saturated (CPU ${Math.round(w.harnessCpuPercent)} %, lag p99 ${Math.round(w.harnessLagP99Ms)} ms)`,
    )
  if (noisy(w)) notes.push(`other processes used ${Math.round(w.othersCpuPercent)} % of a core meanwhile`)
  return notes.length > 0 ? ` (caveat: ${notes.join('; ')})` : ''
}

const met = (ok: boolean) => (ok ? 'met' : '**missed**')

/** The first step past 2,000 clients, when the worst is a later one (where the knee lies between them). */
function firstPast(past: WindowResult[], worst: WindowResult | undefined): string {
  const first = past[0]
  return first && first !== worst ? ` (${ms(first.fanOut?.p99)} ms at ${first.clients})` : ''
}

/** The issue's targets, each marked met or missed from the figures; a run that did not converge fails them. */
export function targetVerdicts(results: ScenarioResult[]): string[] {
  const lines: string[] = []
  for (const scenario of results) {
    const m = scenario.results.find((r) => r.target === 'Marginalia')
    const r = scenario.results.find((r) => r.target === 'relay')
    if (!m) continue
    const failed = m.failedReason || !m.convergence.converged
    const prefix = `(${scenario.scenario.key})`
    if (failed) {
      lines.push(`- ${prefix} Marginalia **FAILED**: ${verdict(m)}.`)
      continue
    }
    const mw = m.windows[0]
    const rw = r?.windows[0]
    const p99 = mw?.fanOut?.p99 ?? Number.POSITIVE_INFINITY
    // A relay whose updates never all arrived has p99 Infinity, which the JSON file holds as null.
    const relayP99 = rw?.fanOut ? (rw.fanOut.p99 ?? Number.POSITIVE_INFINITY) : Number.NaN
    const relayCaveat = caveats(rw).replace('(caveat:', '(caveat on the relay figure:')
    const vsRelay = rw
      ? `p99 ${ms(p99)} ms vs relay ${ms(relayP99)} ms${relayCaveat}: ${met(p99 <= relayP99)}`
      : 'no relay figure to compare'
    if (scenario.scenario.key === 'b') {
      // The issue's figure: from an update's arrival (at the server) to its saved.
      const saved = mw?.savedAtServer?.p99 ?? Number.POSITIVE_INFINITY
      const atWriter = mw?.saved
        ? ` (${ms(mw.saved.p99)} ms from the writer's send, harness queueing included)`
        : ''
      lines.push(
        `- (b) Marginalia p99 ≤ relay p99 — ${vsRelay}; saved p99 < 25 ms from an update's arrival — ${ms(saved)} ms${atWriter}: ${met(saved < 25)}${caveats(mw)}.`,
      )
    } else if (scenario.scenario.key === 'c') {
      const rss = mw?.serverPeakRssMb ?? Number.POSITIVE_INFINITY
      const idle = m.idleRssMb === undefined ? '' : ` (${Math.round(m.idleRssMb)} MB idle, before any socket)`
      lines.push(
        `- (c) Marginalia p99 ≤ relay p99 — ${vsRelay}; RSS < 100 MB — ${Math.round(rss)} MB${idle}: ${met(rss < 100)}${caveats(mw)}.`,
      )
    } else {
      const past = m.windows.filter((w) => w.clients > 2000)
      const worst = past.reduce<WindowResult | undefined>(
        (a, w) => (!a || (w.fanOut?.p99 ?? Number.POSITIVE_INFINITY) > (a.fanOut?.p99 ?? 0) ? w : a),
        undefined,
      )
      const kneeP99 = worst?.fanOut?.p99 ?? Number.POSITIVE_INFINITY
      const knee =
        past.length === 0
          ? `p99 < 100 ms past 2,000 clients — not reached (${m.stoppedBecause ?? 'no step above 2,000'}): **missed**`
          : `p99 < 100 ms past 2,000 clients — worst ${ms(kneeP99)} ms at ${worst?.clients} clients${firstPast(past, worst)}: ${met(kneeP99 < 100)}${caveats(worst)}`
      const d = m.massDisconnect
      lines.push(
        `- (d) ${knee}; no collapse or crash on mass disconnect — ${d ? `${d.survived ? 'survived' : 'did not survive'}: ${met(d.survived)}` : 'not reached: **missed**'}.`,
      )
    }
  }
  return lines
}
