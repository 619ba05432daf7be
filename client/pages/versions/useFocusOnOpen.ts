import { useEffect, useRef } from 'preact/hooks'

/**
 * A ref for a panel's heading that takes focus (and so scrolls into view) when the panel opens or `key`
 * changes: the panel often opens below the fold, and keyboard and screen-reader users should land on it.
 */
export function useFocusOnOpen<E extends HTMLElement>(key: string) {
  const heading = useRef<E>(null)
  useEffect(() => {
    heading.current?.focus({ preventScroll: true })
    heading.current?.scrollIntoView({ block: 'start' })
  }, [key])
  return heading
}
