import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { spreadsheetSafe } from '../../common/csv/spreadsheet-safe';

/**
 * A report table as RFC 4180 CSV for spreadsheets: UTF-8 with a byte-order mark, CRLF line
 * ends, numbers as plain numbers, and text cells that a spreadsheet would run as formulas
 * (`=cmd`, `+`, `-`, `@`) turned into text.
 */
export function reportCsv(
  columns: readonly string[],
  rows: Iterable<readonly (string | number | null)[]>,
): Readable {
  function* records() {
    for (const row of rows) {
      yield row.map((cell) => (typeof cell === 'string' ? spreadsheetSafe(cell) : (cell ?? '')));
    }
  }
  return Readable.from(records()).pipe(
    stringify({ header: true, columns: [...columns], bom: true, record_delimiter: '\r\n' }),
  );
}

/** `attachment; filename="sector-report-section-2026-11-24.csv"` */
export function downloadName(report: string, extension: string): string {
  return `attachment; filename="${report}-${new Date().toISOString().slice(0, 10)}.${extension}"`;
}
