import { BadRequestError } from '../errors.ts'

/** Encodes a keyset position as an opaque cursor. */
export function encodeCursor(position: Record<string, string>): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url')
}

/**
 * Decodes a cursor this server gave out, checking each field with `check`; a forged or damaged one is a 400
 * naming `cursor`.
 */
export function decodeCursor<K extends string>(
  value: string,
  checks: Record<K, (field: string) => boolean>,
): Record<K, string> {
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Record<string, unknown>
    const result = {} as Record<K, string>
    let ok = typeof parsed === 'object' && parsed !== null
    for (const [key, check] of Object.entries(checks) as Array<[K, (field: string) => boolean]>) {
      const field = parsed[key]
      if (typeof field !== 'string' || !check(field)) ok = false
      else result[key] = field
    }
    if (ok) return result
  } catch {
    // fall through to the error below
  }
  throw new BadRequestError('The cursor is not one this server gave out.', { fields: { cursor: 'invalid' } })
}

/** Cursor field checks shared by the lists. */
export const cursorChecks = {
  uuid: (v: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
  timestamp: (v: string) => !Number.isNaN(Date.parse(v)),
  integer: (v: string) => /^\d{1,18}$/.test(v),
  text: (v: string) => v.length <= 500,
}
