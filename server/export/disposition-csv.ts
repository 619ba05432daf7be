import { type DispositionRow, dispositionColumns } from './disposition.ts'

/**
 * A spreadsheet program runs a cell that starts with one of these as a formula (CSV injection). Such cells
 * get a leading apostrophe, as OWASP advises, so that an expert's "=HYPERLINK(…)" stays text.
 */
const formulaStart = /^[=+\-@\t\r]/

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break, with quotes doubled. */
export function csvField(value: string): string {
  const safe = formulaStart.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/**
 * The disposition as CSV: RFC 4180 (CRLF line ends, a header row), UTF-8 with a byte-order mark so that
 * spreadsheet programs read accents and non-Latin names correctly.
 */
export function dispositionCsv(rows: readonly DispositionRow[]): Buffer {
  const lines = [dispositionColumns.map((column) => csvField(column.header)).join(',')]
  for (const row of rows) lines.push(dispositionColumns.map((column) => csvField(row[column.key])).join(','))
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8')
}
