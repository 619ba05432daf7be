import { dispositionKeys } from '../../../shared/api/disposition.ts'
import type { DispositionRow } from '../../api/exports.ts'
import { CountryName } from '../../components/CountryName.tsx'
import { formatDate, type MessageKey, t } from '../../i18n/i18n.ts'
import { decisionKey } from './labels.ts'

/** The table's columns: the shared ones, in the order the files use. */
const columns = dispositionKeys

/** A cell's content: words from the catalog for statuses, types and decisions, dates in the locale. */
function cell(row: DispositionRow, column: (typeof columns)[number]) {
  switch (column) {
    case 'country':
      return <CountryName code={row.country || null} />
    case 'type':
      return t(`threads.type.${row.type}` as MessageKey)
    case 'status':
      return t(`threads.status.${row.status}` as MessageKey)
    case 'decision': {
      const key = decisionKey(row.decision)
      return key ? t(key) : row.decision
    }
    case 'date':
      return row.date && <time dateTime={row.date}>{formatDate(`${row.date}T12:00:00Z`)}</time>
    default:
      return row[column]
  }
}

/**
 * The disposition of comments as a table: one row per thread in document order, in the columns of the
 * files (number, country, expert, organization, section, type, quoted text, comment and replies, proposed
 * change, status, decision, note, resolved by, date). Long text keeps its line breaks; the table scrolls
 * sideways within the page.
 */
export function DispositionTable({ rows }: { rows: readonly DispositionRow[] }) {
  return (
    <div class="table-scroll disposition-scroll">
      <table class="table table-compact disposition-table">
        <caption class="visually-hidden">{t('disposition.tableCaption')}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col" class={`col-${column}`}>
                {t(`disposition.column.${column}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.number}>
              {columns.map((column) => (
                <td key={column} class={`col-${column}`}>
                  {cell(row, column)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
