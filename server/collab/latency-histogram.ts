/** Each bucket's upper bound is this factor times the one before: about 5 % resolution. */
const growth = 1.05
/** The first bucket's upper bound, in milliseconds. */
const firstUpperMs = 0.01
/** Buckets up to about 10 minutes; anything longer counts in the last. */
const bucketCount = 430

/** A latency histogram's counts at one moment: one count per bucket, cumulative since the process started. */
export interface HistogramSnapshot {
  count: number
  maxMs: number
  /** `[upper bound in ms, count]` for every bucket that holds anything. */
  buckets: Array<[number, number]>
}

/** Percentiles read from a histogram (each the upper bound of its bucket, so at most ~5 % high). */
export interface LatencyPercentiles {
  count: number
  p50: number
  p95: number
  p99: number
}

/** The upper bound of bucket `index`, rounded to what a reader needs. */
function upperMsOf(index: number): number {
  return Number((firstUpperMs * growth ** index).toPrecision(4))
}

/**
 * Counts latencies in logarithmic buckets, in constant memory: what an operator reads as percentiles, and what
 * a benchmark diffs between two snapshots to get the percentiles of a window.
 */
export class LatencyHistogram {
  readonly #counts = new Float64Array(bucketCount)
  #count = 0
  #maxMs = 0

  /** Counts one latency. */
  record(ms: number): void {
    const index = ms <= firstUpperMs ? 0 : Math.ceil(Math.log(ms / firstUpperMs) / Math.log(growth))
    this.#counts[Math.min(bucketCount - 1, index)]! += 1
    this.#count += 1
    if (ms > this.#maxMs) this.#maxMs = ms
  }

  /** The counts so far. */
  snapshot(): HistogramSnapshot {
    const buckets: Array<[number, number]> = []
    this.#counts.forEach((count, index) => {
      if (count > 0) buckets.push([upperMsOf(index), count])
    })
    return { count: this.#count, maxMs: this.#maxMs, buckets }
  }
}

/**
 * The percentiles of what was counted between two snapshots of the same histogram (`before` omitted: since the
 * start); undefined when nothing was.
 */
export function percentilesBetween(
  after: HistogramSnapshot,
  before?: HistogramSnapshot,
): LatencyPercentiles | undefined {
  const earlier = new Map(before?.buckets ?? [])
  const window = after.buckets
    .map(([upper, count]): [number, number] => [upper, count - (earlier.get(upper) ?? 0)])
    .filter(([, count]) => count > 0)
  const count = window.reduce((sum, [, n]) => sum + n, 0)
  if (count === 0) return undefined
  const at = (share: number) => {
    const rank = Math.ceil(share * count)
    let seen = 0
    for (const [upper, n] of window) {
      seen += n
      if (seen >= rank) return upper
    }
    return window[window.length - 1]![0]
  }
  return { count, p50: at(0.5), p95: at(0.95), p99: at(0.99) }
}
