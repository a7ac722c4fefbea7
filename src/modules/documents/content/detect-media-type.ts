import { createReadStream } from 'node:fs';
import { fileTypeFromFile } from 'file-type';
import { open } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';

/** What the bytes are: a media type (allowed or not), or null when they are no known format. */
export interface DetectedType {
  readonly mediaType: string;
  /** file-type's extension for binary formats, `txt` or `csv` for text. */
  readonly ext: string;
}

/** How much text is read to tell CSV from other text. */
const CSV_SAMPLE_BYTES = 64 * 1024;

/**
 * Detects a staged file's type from its contents only. Binary formats come from their magic
 * numbers and structure (file-type looks inside ZIP containers to tell DOCX, XLSX, ODT and ODS
 * apart). Anything else is text only if the whole file is valid UTF-8 without control
 * characters; such text is CSV when `wantsCsv` (it was declared or named so) and it parses as
 * RFC 4180 with the same number of columns (two or more) on every record of a sample.
 */
export async function detectMediaType(
  path: string,
  wantsCsv: boolean,
): Promise<DetectedType | null> {
  const binary = await fileTypeFromFile(path);
  if (binary) return { mediaType: binary.mime, ext: binary.ext };
  if (!(await isUtf8Text(path))) return null;
  if (wantsCsv && (await looksLikeCsv(path))) return { mediaType: 'text/csv', ext: 'csv' };
  return { mediaType: 'text/plain', ext: 'txt' };
}

// Tab, line feed, form feed and carriage return are text; other C0 controls and DEL are not.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;

async function isUtf8Text(path: string): Promise<boolean> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of createReadStream(path)) {
      if (CONTROL.test(decoder.decode(chunk as Buffer, { stream: true }))) return false;
    }
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}

async function looksLikeCsv(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  const sample = Buffer.alloc(CSV_SAMPLE_BYTES);
  const { bytesRead } = await handle
    .read(sample, 0, CSV_SAMPLE_BYTES, 0)
    .finally(() => handle.close());
  let text = sample.subarray(0, bytesRead).toString('utf8');
  // A sample that stops inside the file ends at its last whole line.
  if (bytesRead === CSV_SAMPLE_BYTES) text = text.slice(0, text.lastIndexOf('\n') + 1);
  try {
    const records: string[][] = parse(text, { bom: true, skip_empty_lines: true });
    return (
      records.length > 0 &&
      records.every((record) => record.length === records[0].length) &&
      records[0].length >= 2
    );
  } catch {
    return false;
  }
}
