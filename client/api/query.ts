/** Builds `?a=1&b=2` from the values that are set (skipping null, undefined and ''), or '' when none is. */
export function queryString(values: Record<string, string | number | null | undefined>): string {
  const query = new URLSearchParams()
  for (const [name, value] of Object.entries(values)) {
    if (value !== null && value !== undefined && value !== '') query.set(name, String(value))
  }
  return query.size > 0 ? `?${query}` : ''
}

/** A path segment, escaped: ids and tokens never change the shape of the path. */
export function segment(value: string): string {
  return encodeURIComponent(value)
}
