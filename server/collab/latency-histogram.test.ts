import { describe, expect, it } from 'vitest'
import { LatencyHistogram, percentilesBetween } from './latency-histogram.ts'

describe('the latency histogram', () => {
  it('reads percentiles within its 5 % resolution', () => {
    const histogram = new LatencyHistogram()
    for (let ms = 1; ms <= 100; ms++) histogram.record(ms)
    const figures = percentilesBetween(histogram.snapshot())!
    expect(figures.count).toBe(100)
    expect(figures.p50).toBeGreaterThanOrEqual(50)
    expect(figures.p50).toBeLessThanOrEqual(50 * 1.05)
    expect(figures.p99).toBeGreaterThanOrEqual(99)
    expect(figures.p99).toBeLessThanOrEqual(99 * 1.05)
    expect(histogram.snapshot().maxMs).toBe(100)
  })

  it('gives the percentiles of a window as the difference of two snapshots', () => {
    const histogram = new LatencyHistogram()
    for (let i = 0; i < 1000; i++) histogram.record(500)
    const before = histogram.snapshot()
    for (let i = 0; i < 100; i++) histogram.record(2)
    const figures = percentilesBetween(histogram.snapshot(), before)!
    expect(figures.count).toBe(100)
    expect(figures.p99).toBeLessThanOrEqual(2 * 1.05)
    expect(percentilesBetween(before, before)).toBeUndefined()
  })

  it('keeps zero, tiny and enormous latencies in its end buckets', () => {
    const histogram = new LatencyHistogram()
    histogram.record(0)
    histogram.record(1e9)
    const { buckets } = histogram.snapshot()
    expect(buckets).toHaveLength(2)
    expect(buckets[0]![0]).toBe(0.01)
  })
})
