import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { parseXmlRoot } from './xml-element';

/**
 * The official codelists (standards/, copied unchanged) as sets of codes. The XSD and the JSON
 * schema leave codes as plain strings; these say which strings are codes.
 */
const STANDARDS = join(__dirname, '..', 'standards');

const iatiCache = new Map<string, ReadonlySet<string>>();
const oc4idsCache = new Map<string, ReadonlySet<string>>();

/** Active codes of an IATI 2.03 codelist (a withdrawn code is not one to publish). */
export function iatiCodelist(name: string): ReadonlySet<string> {
  let codes = iatiCache.get(name);
  if (!codes) {
    const xml = readFileSync(join(STANDARDS, 'iati-2.03', 'codelists', `${name}.xml`), 'utf8');
    const root = parseXmlRoot(xml);
    codes = new Set(
      Array.from(root.getElementsByTagName('codelist-item'))
        .filter((item) => item.getAttribute('status') !== 'withdrawn')
        .map((item) => item.getElementsByTagName('code')[0]?.textContent?.trim() ?? ''),
    );
    iatiCache.set(name, codes);
  }
  return codes;
}

/** Codes of an OC4IDS 0.9 codelist (the CSV's Code column). */
export function oc4idsCodelist(name: string): ReadonlySet<string> {
  let codes = oc4idsCache.get(name);
  if (!codes) {
    const csv = readFileSync(join(STANDARDS, 'oc4ids-0.9', 'codelists', `${name}.csv`), 'utf8');
    const rows = parse<{ Code: string }>(csv, { columns: true, skip_empty_lines: true });
    codes = new Set(rows.map((row) => row.Code));
    oc4idsCache.set(name, codes);
  }
  return codes;
}
