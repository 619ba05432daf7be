import { describe, expect, it } from 'vitest'
import type { ScenarioResult } from './collab-load.ts'
import { targetVerdicts } from './collab-report.ts'

/** One measuring window with the given fan-out p99 (null: some receipts never came, as the JSON file holds it). */
function window(p99: number | null) {
  return {
    fanOut: { p50: 1, p95: 1, p99, max: p99 },
    savedAtServer: { p99: 10 },
    harnessCpuPercent: 50,
    harnessLagP99Ms: 1,
  }
}

function scenarioB(marginaliaP99: number, relayP99: number | null): ScenarioResult {
  const converged = { converged: true }
  return {
    scenario: { key: 'b' },
    results: [
      { target: 'Marginalia', windows: [window(marginaliaP99)], convergence: converged },
      { target: 'relay', windows: [window(relayP99)], convergence: converged },
    ],
  } as unknown as ScenarioResult
}

describe('targetVerdicts', () => {
  it('counts a relay that lost updates (p99 null once read back from JSON) as beaten', () => {
    const [line] = targetVerdicts([scenarioB(40, null)])
    expect(line).toContain('p99 40 ms vs relay lost ms')
    expect(line).toMatch(/relay lost ms: met/)
  })

  it('compares finite figures', () => {
    expect(targetVerdicts([scenarioB(40, 30)])[0]).toMatch(/vs relay 30 ms: \*\*missed\*\*/)
    expect(targetVerdicts([scenarioB(20, 30)])[0]).toMatch(/vs relay 30 ms: met/)
  })
})
