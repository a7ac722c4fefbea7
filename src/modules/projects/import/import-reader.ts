import { type Readable, Transform } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { headerErrors, type ImportError, type ImportRow, parseImportRow } from './import-format';
import { importInvalid, importTooLarge } from './import.errors';

/**
 * The file's rows, parsed as the file streams in (size and row limits enforced on the way) and
 * each checked on its own; any problem in any row gives one 422 listing them all.
 */
export async function readImportRows(
  source: Readable,
  limits: { readonly maxBytes: number; readonly maxRows: number },
): Promise<ImportRow[]> {
  const { maxBytes, maxRows } = limits;
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(bytes > maxBytes ? importTooLarge(`over ${maxBytes} bytes`) : null, chunk);
    },
  });
  let header: ImportError[] = [];
  const parser = parse({
    bom: true,
    trim: true,
    skip_empty_lines: true,
    columns: (names: string[]) => {
      header = headerErrors(names);
      return names;
    },
  });
  source.on('error', (error) => limit.destroy(error));
  limit.on('error', (error) => parser.destroy(error));
  const rows: ImportRow[] = [];
  const errors: ImportError[] = [];
  try {
    let line = 1;
    for await (const record of source.pipe(limit).pipe(parser) as AsyncIterable<
      Record<string, string>
    >) {
      if (header.length) throw importInvalid(header);
      line += 1;
      if (line - 1 > maxRows) throw importTooLarge(`over ${maxRows} rows`);
      const parsed = parseImportRow(record, line);
      if (parsed.row) rows.push(parsed.row);
      errors.push(...parsed.errors);
    }
  } catch (error) {
    if (error instanceof CsvError) {
      throw importInvalid([
        {
          row: Number(error.lines ?? 0),
          column: null,
          message: `not valid CSV: ${error.message}`,
        },
      ]);
    }
    throw error;
  } finally {
    source.resume();
  }
  if (header.length) throw importInvalid(header);
  if (errors.length) throw importInvalid(errors);
  if (rows.length === 0)
    throw importInvalid([{ row: 2, column: null, message: 'the file has no project rows' }]);
  return rows;
}
