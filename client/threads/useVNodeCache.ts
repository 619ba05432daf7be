import type { VNode } from 'preact'
import { useRef } from 'preact/hooks'

type Entry = { inputs: readonly unknown[]; node: VNode }

/**
 * Keeps a rendered element per key while its inputs stay the same (compared with Object.is), so a long
 * list re-renders only what changed: Preact skips an element that is the very one it rendered last time.
 * The panel renders on every editor transaction (someone typing), and most cards have not changed.
 */
export function useVNodeCache(): (key: string, inputs: readonly unknown[], render: () => VNode) => VNode {
  const state = useRef({ entries: new Map<string, Entry>(), used: new Set<string>() })
  const { entries } = state.current
  // Forget the keys the previous render did not ask for (threads gone), once they pile up.
  const previous = state.current.used
  if (entries.size > previous.size * 2 + 32)
    for (const key of entries.keys()) if (!previous.has(key)) entries.delete(key)
  const used = new Set<string>()
  state.current.used = used
  return (key, inputs, render) => {
    used.add(key)
    const hit = entries.get(key)
    if (
      hit &&
      hit.inputs.length === inputs.length &&
      hit.inputs.every((value, i) => Object.is(value, inputs[i]))
    )
      return hit.node
    const node = render()
    entries.set(key, { inputs, node })
    return node
  }
}
