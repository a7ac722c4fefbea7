import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The registry schema, search helpers, and the reference tables: currency, country, industry. */
export class ReferenceSchema1795468400000 implements MigrationInterface {
  name = 'ReferenceSchema1795468400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SCHEMA IF NOT EXISTS registry`);
    // Both are trusted extensions (PostgreSQL 13+): a database owner may create them.
    await db.query(`CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public`);
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public`);
    // unaccent() is only STABLE (its dictionary could change); pinning the dictionary makes a
    // wrapper safe to mark IMMUTABLE, so search expressions can be indexed.
    await db.query(`
      CREATE FUNCTION registry.search_fold(value text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$`);

    await db.query(`
      CREATE TABLE registry.currency (
        code character(3) NOT NULL,
        numeric character(3) NOT NULL,
        minor_units smallint NOT NULL,
        name text NOT NULL,
        CONSTRAINT currency_pkey PRIMARY KEY (code)
      )`);

    await db.query(`
      CREATE TABLE registry.country (
        code character(2) NOT NULL,
        alpha3 character(3) NOT NULL,
        numeric character(3) NOT NULL,
        name text NOT NULL,
        name_official text NOT NULL,
        name_zh text,
        currency_code character(3),
        asean_member_since date,
        twin_parks_partner boolean NOT NULL DEFAULT false,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT country_pkey PRIMARY KEY (code),
        CONSTRAINT country_currency_code_fkey FOREIGN KEY (currency_code)
          REFERENCES registry.currency (code) ON DELETE RESTRICT
      )`);
    await db.query(`CREATE UNIQUE INDEX country_alpha3_key ON registry.country (alpha3)`);
    await db.query(`CREATE UNIQUE INDEX country_numeric_key ON registry.country (numeric)`);
    await db.query(`CREATE INDEX country_currency_code_idx ON registry.country (currency_code)`);

    await db.query(`
      CREATE TABLE registry.industry (
        code text NOT NULL,
        scheme text NOT NULL DEFAULT 'ISIC4',
        level text NOT NULL,
        parent_code text,
        section character(1) NOT NULL,
        title text NOT NULL,
        sort_key text NOT NULL,
        CONSTRAINT industry_pkey PRIMARY KEY (code),
        CONSTRAINT industry_level_check CHECK ("level" IN ('section', 'division', 'group', 'class')),
        CONSTRAINT industry_scheme_check CHECK ("scheme" = 'ISIC4'),
        CONSTRAINT industry_parent_code_fkey FOREIGN KEY (parent_code)
          REFERENCES registry.industry (code) ON DELETE RESTRICT
      )`);
    await db.query(`CREATE INDEX industry_level_idx ON registry.industry (level)`);
    await db.query(`CREATE INDEX industry_parent_code_idx ON registry.industry (parent_code)`);
    await db.query(`CREATE INDEX industry_section_idx ON registry.industry (section)`);
    await db.query(`CREATE UNIQUE INDEX industry_sort_key_key ON registry.industry (sort_key)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE registry.industry`);
    await db.query(`DROP TABLE registry.country`);
    await db.query(`DROP TABLE registry.currency`);
    await db.query(`DROP FUNCTION registry.search_fold(text)`);
    await db.query(`DROP SCHEMA registry`);
  }
}
