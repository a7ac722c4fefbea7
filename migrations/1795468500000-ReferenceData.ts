import type { MigrationInterface, QueryRunner } from 'typeorm';
import { readReferenceCsv } from './reference-data';

/**
 * Loads ISO 4217 currencies and ISO 3166-1 countries (generated from maintained packages by
 * `npm run refdata:countries`), the ASEAN members and China as twin-park partner, and the 766
 * ISIC Rev.4 entries. Set-based: one INSERT ... SELECT FROM unnest(...) per table.
 */
export class ReferenceData1795468500000 implements MigrationInterface {
  name = 'ReferenceData1795468500000';

  async up(db: QueryRunner): Promise<void> {
    const currencies = readReferenceCsv('currencies.csv');
    await db.query(
      `INSERT INTO registry.currency (code, numeric, minor_units, name)
       SELECT * FROM unnest($1::text[], $2::text[], $3::smallint[], $4::text[])`,
      [
        currencies.map((c) => c.code),
        currencies.map((c) => c.numeric),
        currencies.map((c) => c.minor_units),
        currencies.map((c) => c.name),
      ],
    );

    // ASEAN file uses ISO short names ("Viet Nam"); they win over the package's common names.
    const asean = new Map(readReferenceCsv('asean-members.csv').map((row) => [row.alpha2, row]));
    const countries = readReferenceCsv('countries.csv');
    await db.query(
      `INSERT INTO registry.country
         (code, alpha3, numeric, name, name_official, name_zh, currency_code, asean_member_since, twin_parks_partner)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                            $7::text[], $8::date[], $9::boolean[])`,
      [
        countries.map((c) => c.alpha2),
        countries.map((c) => c.alpha3),
        countries.map((c) => c.numeric),
        countries.map((c) => asean.get(c.alpha2)?.name ?? c.name),
        countries.map((c) => c.name_official),
        countries.map((c) => c.name_zh || null),
        countries.map((c) => asean.get(c.alpha2)?.currency || c.currency || null),
        countries.map((c) => asean.get(c.alpha2)?.asean_member_since || null),
        countries.map((c) => c.alpha2 === 'CN'),
      ],
    );
    const [{ count }] = (await db.query(
      `SELECT count(*)::int AS count FROM registry.country WHERE code = ANY($1)`,
      [[...asean.keys()]],
    )) as { count: number }[];
    if (count !== asean.size) {
      throw new Error(`ASEAN reference data names ${asean.size} countries, ${count} matched`);
    }

    const industries = readReferenceCsv('isic-rev4.csv');
    await db.query(
      `INSERT INTO registry.industry (code, level, parent_code, section, title, sort_key)
       SELECT code, level, NULLIF(parent_code, ''), section, title,
              section || CASE WHEN level = 'section' THEN '' ELSE code END
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
         AS t(code, level, parent_code, section, title)`,
      [
        industries.map((i) => i.code),
        industries.map((i) => i.level),
        industries.map((i) => i.parent_code),
        industries.map((i) => i.section),
        industries.map((i) => i.title),
      ],
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM registry.industry`);
    await db.query(`DELETE FROM registry.country`);
    await db.query(`DELETE FROM registry.currency`);
  }
}
