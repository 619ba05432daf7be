import { useEffect, useState } from 'preact/hooks'

/** The current time, refreshed every `everyMs` (a minute by default), for "closes in 3 hours" to stay true. */
export function useNow(everyMs = 60_000): number {
  const [now, setNow] = useState(Date.now)
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs)
    return () => clearInterval(timer)
  }, [everyMs])
  return now
}
