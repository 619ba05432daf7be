/** Yjs clocks by client id: how far each client's changes reach (a state vector). */
export type Clocks = Map<number, number>

/**
 * The brief form of the rule, for one client: everything `clientId` wrote is durable when the server's
 * `saved` clock for it reaches the local clock (or when it wrote nothing).
 */
export function isSaved(savedClocks: Record<string, number>, clientId: number, localClock: number): boolean {
  if (localClock === 0) return true
  const saved = savedClocks[String(clientId)]
  return typeof saved === 'number' && saved >= localClock
}

/**
 * The clocks of a `saved` event (`{"<client id>": clock}`) as pairs; keys that are not client ids and
 * clocks that are not non-negative integers are skipped.
 */
export function readSavedClocks(clocks: unknown): [number, number][] {
  if (typeof clocks !== 'object' || clocks === null) return []
  const pairs: [number, number][] = []
  for (const [key, clock] of Object.entries(clocks)) {
    const client = Number(key)
    if (!/^\d+$/.test(key) || !Number.isSafeInteger(client)) continue
    if (typeof clock !== 'number' || !Number.isSafeInteger(clock) || clock < 0) continue
    pairs.push([client, clock])
  }
  return pairs
}

/** Raises `into` to at least each clock of `from` (clocks only grow); answers whether anything changed. */
export function mergeClocks(into: Clocks, from: Iterable<readonly [number, number]>): boolean {
  let changed = false
  for (const [client, clock] of from) {
    if (clock > (into.get(client) ?? 0)) {
      into.set(client, clock)
      changed = true
    }
  }
  return changed
}

/**
 * The clients whose local changes the server has not confirmed: those whose local clock is past the
 * confirmed one. `confirmed` holds what the server had when we connected, what it sent us, and its `saved`
 * events, so text loaded from this device's store that the server already holds is not counted.
 */
export function unconfirmedClients(
  local: ReadonlyMap<number, number>,
  confirmed: ReadonlyMap<number, number>,
): number[] {
  const pending: number[] = []
  for (const [client, clock] of local) if (clock > (confirmed.get(client) ?? 0)) pending.push(client)
  return pending
}

/** Clocks as JSON-safe pairs, to keep them on this device beside the document. */
export function clocksToJson(clocks: ReadonlyMap<number, number>): [number, number][] {
  return [...clocks]
}

/** Clocks read back from `clocksToJson`; anything malformed is skipped. */
export function clocksFromJson(value: unknown): [number, number][] {
  if (!Array.isArray(value)) return []
  return value.filter(
    (pair): pair is [number, number] =>
      Array.isArray(pair) &&
      pair.length === 2 &&
      Number.isSafeInteger(pair[0]) &&
      Number.isSafeInteger(pair[1]) &&
      pair[1] >= 0,
  )
}
