/**
 * CPU and memory of a process, read from /proc: CPU as a percentage of one core over a window (utime + stime
 * deltas), RSS as the largest VmRSS sampled once a second.
 */
import { readdirSync, readFileSync } from 'node:fs'

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on Linux). */
const ticksPerSecond = 100

/** utime + stime of `pid` in seconds, or undefined once the process is gone. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    // Fields after the command name start at field 3 (state); utime and stime are fields 14 and 15.
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond
  } catch {
    return undefined
  }
}

/** VmRSS of `pid` in bytes, or undefined once the process is gone. */
export function rssBytes(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]
    return kb === undefined ? undefined : Number(kb) * 1024
  } catch {
    return undefined
  }
}

/**
 * Total CPU seconds of the Postgres backends serving `database` (their process title names it). Backends
 * that start or end inside a window are counted only in part: a size, not an exact figure.
 */
export function postgresCpuSeconds(database: string): number {
  let total = 0
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue
      if (!readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(` ${database} `)) continue
    } catch {
      continue
    }
    total += cpuSeconds(Number(entry)) ?? 0
  }
  return total
}

/** Samples a process's RSS every second; `window` gives CPU % over a span and the peak RSS seen in it. */
export class ProcessWatch {
  #timer: NodeJS.Timeout
  #peakRss = 0

  /** `database`: the Postgres database whose backends' CPU is reported too (none for the relay). */
  constructor(
    readonly pid: number,
    readonly database?: string,
  ) {
    this.#sample()
    this.#timer = setInterval(() => this.#sample(), 1000)
    this.#timer.unref()
  }

  #sample(): void {
    this.#peakRss = Math.max(this.#peakRss, rssBytes(this.pid) ?? 0)
  }

  /** Starts a measuring window; `end()` answers CPU (% of one core) and peak RSS (bytes) during it. */
  window(): {
    end(): { cpuPercent: number; peakRssBytes: number; postgresCpuPercent: number; machineCpuPercent: number }
  } {
    this.#sample()
    this.#peakRss = rssBytes(this.pid) ?? 0
    const startedAt = performance.now()
    const cpuStart = cpuSeconds(this.pid) ?? 0
    const postgres = () => (this.database ? postgresCpuSeconds(this.database) : 0)
    const postgresStart = postgres()
    const machineStart = machineBusySeconds()
    return {
      end: () => {
        this.#sample()
        const seconds = (performance.now() - startedAt) / 1000
        const cpu = (cpuSeconds(this.pid) ?? cpuStart) - cpuStart
        const postgresUsed = postgres() - postgresStart
        return {
          cpuPercent: (100 * cpu) / seconds,
          peakRssBytes: this.#peakRss,
          postgresCpuPercent: (100 * Math.max(0, postgresUsed)) / seconds,
          machineCpuPercent: (100 * (machineBusySeconds() - machineStart)) / seconds,
        }
      },
    }
  }

  /** The largest RSS seen since the watch (or the last window) started. */
  get peakRssBytes(): number {
    return this.#peakRss
  }

  stop(): void {
    clearInterval(this.#timer)
  }
}

/** The harness's own CPU (% of one core) over a window, to tell when the load generator itself is the limit. */
export function harnessCpuWindow(): { end(): { percent: number; systemPercent: number } } {
  const startedAt = performance.now()
  const start = process.cpuUsage()
  return {
    end: () => {
      const used = process.cpuUsage(start)
      const ms = performance.now() - startedAt
      return {
        percent: (100 * (used.user + used.system)) / 1000 / ms,
        systemPercent: (100 * used.system) / 1000 / ms,
      }
    },
  }
}

/** CPU seconds the whole machine spent busy (all cores), from /proc/stat. */
export function machineBusySeconds(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number)
  // user nice system idle iowait irq softirq steal: everything but idle and iowait is busy.
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields
  return (user + nice + system + irq + softirq + steal) / ticksPerSecond
}

/** CPU seconds of the given processes (gone ones count 0) plus `database`'s Postgres backends. */
function ownSeconds(pids: number[], database: string | undefined): number {
  let total = database ? postgresCpuSeconds(database) : 0
  for (const pid of pids) total += cpuSeconds(pid) ?? 0
  return total
}

/**
 * Waits until other people's processes leave the machine nearly idle (below `thresholdPercent` of one core
 * over a second, not counting `ownPids` and `database`'s backends), at most `maxWaitMs`: the machine is
 * shared, and someone else's build would be measured as our latency. Answers the figure last seen.
 */
export async function waitForIdleMachine(
  ownPids: number[] = [process.pid],
  database?: string,
  thresholdPercent = 25,
  maxWaitMs = 180_000,
): Promise<number> {
  const started = performance.now()
  for (;;) {
    const before = machineBusySeconds() - ownSeconds(ownPids, database)
    const at = performance.now()
    await new Promise((resolve) => setTimeout(resolve, 1000))
    const others = machineBusySeconds() - ownSeconds(ownPids, database) - before
    const busy = (100 * others) / ((performance.now() - at) / 1000)
    if (busy < thresholdPercent || performance.now() - started > maxWaitMs) return busy
  }
}
