import type { Phase } from '../../api/types.ts'
import { formatDate, formatRelative, t } from '../../i18n/i18n.ts'

/** Two digits, for the parts of a datetime-local value. */
const pad = (value: number) => String(value).padStart(2, '0')

/** An instant as a datetime-local value ("2026-03-12T17:00") in the browser's time zone; '' for none. */
export function toLocalInput(value: string | number | Date | null): string {
  if (value === null) return ''
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return ''
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
  return `${day}T${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/**
 * A datetime-local value, read as a time in the browser's time zone, as an ISO 8601 instant (UTC) for the API;
 * null when empty or malformed.
 */
export function fromLocalInput(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim())
  if (!match) return null
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as number[]
  const date = new Date(year!, month! - 1, day, hour, minute, second)
  if (date.getMonth() !== month! - 1 || date.getDate() !== day) return null
  return date.toISOString()
}

/** The browser's time zone by name ("Africa/Gaborone"), to say which zone a deadline is entered in. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone
}

/**
 * The banner's line about the comment deadline: in consultation, how long is left ("Comments close in 3 days,
 * on …") or that comments have closed; in other phases, just the date. Null without a deadline.
 */
export function deadlineLine(
  phase: Phase,
  commentDeadline: string | null,
  now: number = Date.now(),
): { text: string; closed: boolean } | null {
  if (!commentDeadline) return null
  const deadline = Date.parse(commentDeadline)
  if (Number.isNaN(deadline)) return null
  const date = formatDate(deadline, { dateStyle: 'long', timeStyle: 'short' })
  if (phase !== 'consultation') return { text: t('document.banner.deadline', { date }), closed: false }
  if (deadline > now) {
    return {
      text: t('document.banner.closesIn', { when: formatRelative(deadline, now), date }),
      closed: false,
    }
  }
  return { text: t('document.banner.closed', { date }), closed: true }
}
