/** Turns the collaboration load figures into Markdown: one table per scenario, Marginalia beside the relay. */
import type { ScenarioResult, TargetResult, WindowResult } from './collab-load.ts'

/** Milliseconds, or "lost" when a receipt never came (JSON turns Infinity into null). */
function ms(value: number | null | undefined): string {
  if (value === undefined) return '—'
  if (value === null || !Number.isFinite(value)) return 'lost'
  return value < 10 ? value.toFixed(1) : String(Math.round(value))
}

function ratio(marginalia: number | null | undefined, relay: number | null | undefined): string {
  if (marginalia == null || relay == null || !Number.isFinite(marginalia) || !Number.isFinite(relay))
    return '—'
  return `${(marginalia / relay).toFixed(2)}×`
}

function verdict(result: TargetResult): string {
  if (result.failedReason) return `FAILED (${result.failedReason})`
  if (!result.convergence.converged)
    return `FAILED: did not converge (${result.convergence.lostEdits} edits lost)`
  return 'converged'
}

function row(result: TargetResult, w: WindowResult): string {
  const saved = w.saved ? `${ms(w.saved.p50)} / ${ms(w.saved.p99)}` : '—'
  const postgres =
    w.postgresCpuPercent === undefined ? '' : ` (+${Math.round(w.postgresCpuPercent)} % Postgres)`
  return (
    `| ${result.target} | ${w.clients} | ${ms(w.fanOut?.p50)} | ${ms(w.fanOut?.p95)} | ${ms(w.fanOut?.p99)} | ${ms(w.fanOut?.max)} ` +
    `| ${Math.round(w.deliveredPerSecond)} (${w.expectedReceipts > 0 ? ((100 * w.receipts) / w.expectedReceipts).toFixed(1) : '—'} %) ` +
    `| ${w.failed} / ${w.closed} | ${Math.round(w.serverCpuPercent)} %${postgres} | ${Math.round(w.serverPeakRssMb)} MB | ${saved} ` +
    `| ${Math.round(w.harnessCpuPercent)} % | ${verdict(result)} |`
  )
}

const header = [
  '| target | clients | fan-out p50 ms | p95 | p99 | max | updates/s delivered (of expected) | failed / closed | server CPU (one core) | server RSS peak | saved p50 / p99 ms | harness CPU | result |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
]

function steadyTable(scenario: ScenarioResult): string[] {
  const lines = [...header]
  for (const result of scenario.results) {
    const w = result.windows[0]
    if (w) lines.push(row(result, w))
    else lines.push(`| ${result.target} | — | | | | | | | | | | | ${verdict(result)} |`)
  }
  const m = scenario.results.find((r) => r.target === 'Marginalia')?.windows[0]
  const r = scenario.results.find((r) => r.target === 'relay')?.windows[0]
  if (m && r) lines.push('', `p99 ratio Marginalia / relay: ${ratio(m.fanOut?.p99, r.fanOut?.p99)}.`)
  return lines
}

function kneeTable(scenario: ScenarioResult): string[] {
  const lines = [...header]
  for (const result of scenario.results) {
    for (const w of result.windows) lines.push(row(result, w))
    if (result.windows.length === 0)
      lines.push(`| ${result.target} | — | | | | | | | | | | | ${verdict(result)} |`)
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
