import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { spreadsheetSafe } from '../../common/csv/spreadsheet-safe';
import type { ChangeDto } from './dto/change.dto';

const COLUMNS = [
  'id',
  'at',
  'table',
  'entityId',
  'op',
  'actor',
  'requestId',
  'reason',
  'txId',
  'changed',
  'before',
  'after',
] as const;

function csvRecord(change: ChangeDto): string[] {
  const cells: Record<(typeof COLUMNS)[number], string> = {
    id: change.id,
    at: change.at,
    table: change.table,
    entityId: change.entityId,
    op: change.op,
    actor: change.actor,
    requestId: change.requestId ?? '',
    reason: change.reason ?? '',
    txId: change.txId,
    changed: change.changed.join(';'),
    before: change.before ? JSON.stringify(change.before) : '',
    after: change.after ? JSON.stringify(change.after) : '',
  };
  return COLUMNS.map((column) => spreadsheetSafe(cells[column]));
}

/**
 * The change log as RFC 4180 CSV (UTF-8 with a byte-order mark, so spreadsheets read it as
 * UTF-8), one line per change, images as JSON. `pages` yields batches lazily; the stream pulls
 * the next batch only when the client has taken the previous one, so memory stays flat.
 */
export function changesCsv(pages: AsyncIterable<readonly ChangeDto[]>): Readable {
  async function* records() {
    for await (const page of pages) {
      for (const change of page) yield csvRecord(change);
    }
  }
  return Readable.from(records()).pipe(
    stringify({ header: true, columns: [...COLUMNS], bom: true, record_delimiter: '\r\n' }),
  );
}
