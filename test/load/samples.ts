/** A growable list of millisecond samples and its percentiles. */
export class Samples {
  #values = new Float64Array(1024)
  #count = 0

  add(value: number): void {
    if (this.#count === this.#values.length) {
      const grown = new Float64Array(this.#values.length * 2)
      grown.set(this.#values)
      this.#values = grown
    }
    this.#values[this.#count++] = value
  }

  get count(): number {
    return this.#count
  }

  /**
   * p50, p95, p99 and max (nearest rank), or undefined when there is no sample. `missing` samples that never
   * arrived count as infinitely late, so a lost message cannot make the tail look better.
   */
  summary(missing = 0): Percentiles | undefined {
    const total = this.#count + Math.max(0, missing)
    if (total === 0) return undefined
    const sorted = this.#values.slice(0, this.#count).sort()
    const at = (p: number) => sorted[Math.min(total - 1, Math.ceil((p / 100) * total) - 1)] ?? Infinity
    return { count: this.#count, p50: at(50), p95: at(95), p99: at(99), max: at(100) }
  }
}

/** Percentiles of a sample, in milliseconds. */
export interface Percentiles {
  count: number
  p50: number
  p95: number
  p99: number
  max: number
}
