import { Workbook } from 'exceljs';
import { addAboutSheet, type AboutLine } from '../../common/spreadsheet/about-sheet';

export interface XlsxColumn {
  readonly header: string;
  /** `number`: a typed numeric cell (decimal strings are converted); `text`: as it is. */
  readonly type: 'text' | 'number';
  readonly width?: number;
}

export interface XlsxReport {
  readonly sheet: string;
  readonly columns: readonly XlsxColumn[];
  readonly rows: readonly (readonly (string | number | null)[])[];
  /** Label and value lines for the "About" sheet: filters, time, FX rule, caveats. */
  readonly about: readonly AboutLine[];
}

/**
 * A report as an XLSX workbook: the data sheet with a bold, frozen header row and numbers as
 * numeric cells (so sums and charts work in the spreadsheet), and an "About" sheet saying what
 * the numbers are. Text cells are written as strings, never as formulas.
 */
export async function reportXlsx(report: XlsxReport): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = 'Twin-park investment registry';
  workbook.created = new Date();
  const data = workbook.addWorksheet(report.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  data.columns = report.columns.map((column) => ({
    header: column.header,
    width: column.width ?? Math.max(12, column.header.length + 2),
  }));
  data.getRow(1).font = { bold: true };
  for (const row of report.rows) {
    data.addRow(
      row.map((cell, index) => {
        if (cell === null || cell === '') return null;
        return report.columns[index]?.type === 'number' ? Number(cell) : String(cell);
      }),
    );
  }
  addAboutSheet(workbook, report.about);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export { XLSX_TYPE } from '../../common/spreadsheet/media-types';
