import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

/**
 * Reads a CSV shipped in migrations/data. Compiled migrations run from dist/migrations, so the
 * file is looked up beside this module first and then in the source tree.
 */
export function readReferenceCsv(file: string): Record<string, string>[] {
  const candidates = [
    join(__dirname, 'data', file),
    join(__dirname, '..', '..', 'migrations', 'data', file),
  ];
  const path = candidates.find((candidate) => existsSync(candidate));
  if (!path) {
    throw new Error(`Reference data file ${file} not found (looked in ${candidates.join(', ')})`);
  }
  return parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true, bom: true });
}
