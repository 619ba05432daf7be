import ExcelJS from 'exceljs'
import { type DispositionRow, dispositionColumns } from './disposition.ts'
import { xmlSafe } from './labels.ts'

/**
 * The disposition as an Excel workbook: one sheet, a bold header row that stays in view (frozen) with a filter
 * on every column, wrapped text aligned to the top, and column widths fitted to what each column holds.
 * Every value but the row number is written as text, so nothing an expert wrote is ever run as a formula.
 * Synchronous work of about half a second per 1,000 rows: large tables go to the export worker
 * (`export-worker.ts`).
 */
export async function writeDispositionXlsx(
  rows: readonly DispositionRow[],
  title: string,
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Marginalia'
  workbook.title = xmlSafe(`Disposition of comments: ${title}`)
  const sheet = workbook.addWorksheet('Disposition', {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  })
  sheet.columns = dispositionColumns.map((column) => ({
    key: column.key,
    header: column.header,
    width: column.width,
    style: { alignment: { wrapText: true, vertical: 'top' } },
  }))
  for (const row of rows) {
    const values: Record<string, string | number> = {}
    for (const column of dispositionColumns) values[column.key] = xmlSafe(row[column.key])
    values.number = Number(row.number)
    sheet.addRow(values)
  }
  const header = sheet.getRow(1)
  header.font = { bold: true }
  header.alignment = { wrapText: true, vertical: 'middle' }
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: dispositionColumns.length } }
  sheet.pageSetup.printTitlesRow = '1:1'
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}
