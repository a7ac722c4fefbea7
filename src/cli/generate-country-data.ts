/**
 * Regenerates migrations/data/countries.csv and currencies.csv from maintained packages
 * (world-countries for ISO 3166-1, currency-codes for ISO 4217). The CSVs are committed so a
 * migration's output never changes when a package updates; a new package version lands as a
 * new migration that applies the difference.
 *
 *   npm run refdata:countries
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import currencyCodes from 'currency-codes';
import worldCountries from 'world-countries';

const dataDir = join(__dirname, '..', '..', 'migrations', 'data');

function main(): void {
  const currencies = currencyCodes
    .codes()
    .map((code) => currencyCodes.code(code))
    .filter((c): c is NonNullable<typeof c> => c !== undefined)
    .sort((a, b) => a.code.localeCompare(b.code));
  const isoCurrencies = new Set(currencies.map((c) => c.code));

  writeFileSync(
    join(dataDir, 'currencies.csv'),
    stringify(
      currencies.map((c) => [c.code, c.number, c.digits, c.currency]),
      { header: true, columns: ['code', 'numeric', 'minor_units', 'name'] },
    ),
  );

  // Kosovo (XK) is a user-assigned code, not ISO 3166-1: it has no numeric code.
  const countries = worldCountries
    .filter((c) => c.ccn3 !== '')
    .sort((a, b) => a.cca2.localeCompare(b.cca2))
    .map((c) => {
      // Several countries list more than one currency; the first ISO 4217 one is the default.
      const currency = Object.keys(c.currencies ?? {}).find((code) => isoCurrencies.has(code));
      return [
        c.cca2,
        c.cca3,
        c.ccn3,
        c.name.common,
        c.name.official,
        c.translations.zho?.common ?? '',
        currency ?? '',
      ];
    });
  writeFileSync(
    join(dataDir, 'countries.csv'),
    stringify(countries, {
      header: true,
      columns: ['alpha2', 'alpha3', 'numeric', 'name', 'name_official', 'name_zh', 'currency'],
    }),
  );
  process.stdout.write(`${countries.length} countries, ${currencies.length} currencies\n`);
}

main();
